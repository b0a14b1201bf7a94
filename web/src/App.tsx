import { AlertOutlined, DashboardOutlined, LogoutOutlined, SearchOutlined, SettingOutlined, SlidersOutlined, TranslationOutlined } from '@ant-design/icons';
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, whenSignedOut } from './api';
import { useI18n } from './i18n';
import { ROLES, label } from './labels';
import { AdminPage } from './pages/AdminPage';
import { ShopsPage } from './pages/ShopsPage';
import { DashboardPage } from './pages/DashboardPage';
import { DelayedOrdersPage } from './pages/DelayedOrdersPage';
import { IncidentPage } from './pages/IncidentPage';
import { IncidentsPage } from './pages/IncidentsPage';
import { LoginPage } from './pages/LoginPage';
import { OrderPage } from './pages/OrderPage';
import { RulesPage } from './pages/RulesPage';
import { SearchPage } from './pages/SearchPage';
import { match, navigate, useLocation } from './router';
import { canSee, SessionContext, type Me } from './session';

const { Header, Sider, Content } = Layout;

type Section = 'dashboard' | 'incidents' | 'search' | 'rules' | 'admin';

function sectionOf(path: string): Section {
  if (path.startsWith('/incidents')) return 'incidents';
  if (path.startsWith('/search') || path.startsWith('/orders')) return 'search';
  if (path.startsWith('/rules')) return 'rules';
  if (path.startsWith('/admin')) return 'admin';
  return 'dashboard';
}

function Page({ me }: { me: Me }) {
  const { path } = useLocation();
  const { t } = useI18n();
  const section = sectionOf(path);
  if (!canSee(me.role, section)) return <Result status="403" title={t('forbidden')} />;
  let m: Record<string, string> | undefined;
  if (path === '/' || path === '/dashboard') return <DashboardPage />;
  if (path === '/dashboard/orders') return <DelayedOrdersPage />;
  if (path === '/incidents') return <IncidentsPage />;
  if ((m = match('/incidents/:id', path))) return <IncidentPage id={m.id!} />;
  if (path === '/search') return <SearchPage />;
  if ((m = match('/orders/:id', path))) return <OrderPage id={m.id!} />;
  if (path === '/rules') return <RulesPage />;
  if (path === '/admin') return <AdminPage />;
  if (path === '/admin/shops') return <ShopsPage />;
  return <Result status="404" title={t('notFound')} />;
}

/** App is the console: sign-in, then the section menu (what the role may see) around the current page. */
export function App() {
  const { lang, setLang, t } = useI18n();
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const { path } = useLocation();
  useEffect(() => {
    whenSignedOut(() => setMe(null));
    api<Me>('/auth/me')
      .then(setMe)
      .catch(() => setMe(null));
  }, []);
  const signOut = useCallback(() => {
    void api('/auth/logout', { method: 'POST', body: {} }).finally(() => setMe(null));
  }, []);
  const session = useMemo(() => (me ? { me, signOut } : undefined), [me, signOut]);
  const items = useMemo(
    () =>
      (
        [
          ['dashboard', '/', <DashboardOutlined key="i" />, t('navDashboard')],
          ['incidents', '/incidents', <AlertOutlined key="i" />, t('navIncidents')],
          ['search', '/search', <SearchOutlined key="i" />, t('navSearch')],
          ['rules', '/rules', <SlidersOutlined key="i" />, t('navRules')],
          ['admin', '/admin', <SettingOutlined key="i" />, t('navAdmin')],
        ] as const
      )
        .filter(([key]) => me && canSee(me.role, key))
        .map(([key, to, icon, text]) => ({ key, icon, label: <a href={to} onClick={(e) => (e.preventDefault(), navigate(to))}>{text}</a> })),
    [me, t],
  );
  const languageButton = (
    <Button icon={<TranslationOutlined />} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} aria-label={t('language')} data-testid="lang-switch">
      {t('switchLanguage')}
    </Button>
  );
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={{ token: { colorPrimary: '#1664ff', fontFamily: '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif' } }}>
      <AntApp>
        {me === undefined ? (
          <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
            <Spin size="large" />
          </div>
        ) : me === null ? (
          <LoginPage
            languageButton={languageButton}
            onSignedIn={(who) => {
              setMe(who);
              if (path === '/login') navigate('/', true);
            }}
          />
        ) : (
          <SessionContext.Provider value={session}>
            <Layout style={{ minHeight: '100vh' }}>
              <Sider breakpoint="lg" collapsedWidth={56} width={208} theme="dark">
                <div style={{ color: '#fff', padding: '16px 16px 8px', fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden' }}>orderwatch</div>
                <Menu theme="dark" mode="inline" selectedKeys={[sectionOf(path)]} items={items} />
              </Sider>
              <Layout>
                <Header style={{ background: '#fff', padding: '0 20px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: '1px solid #f0f0f0', height: 56 }}>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {t('appSubtitle')}
                  </Typography.Text>
                  <Space>
                    {languageButton}
                    <span data-testid="who">
                      {me.name} · {label(ROLES, me.role, lang)}
                    </span>
                    <Button icon={<LogoutOutlined />} onClick={signOut}>
                      {t('signOut')}
                    </Button>
                  </Space>
                </Header>
                <Content style={{ padding: 20, maxWidth: 1600, width: '100%', margin: '0 auto' }}>
                  <Page me={me} />
                </Content>
              </Layout>
            </Layout>
          </SessionContext.Provider>
        )}
      </AntApp>
    </ConfigProvider>
  );
}
