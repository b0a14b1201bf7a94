import { AlertOutlined, DashboardOutlined, FileTextOutlined, LogoutOutlined, SearchOutlined, SettingOutlined, SlidersOutlined, TranslationOutlined } from '@ant-design/icons';
import { App as AntApp, Button, ConfigProvider, Grid, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { api, whenSignedOut } from './api';
import { useI18n } from './i18n';
import { ROLES, label } from './labels';
import { DemoBanner } from './components/DemoBanner';
import { LoginPage } from './pages/LoginPage';
import { match, navigate, useLocation } from './router';
import { canSee, SessionContext, type Me } from './session';

const { Header, Sider, Content } = Layout;

// Pages load when first opened, so the first load carries only the shell and
// the page asked for (the dashboard's charts are the heaviest part).
const AdminPage = lazy(() => import('./pages/AdminPage').then((m) => ({ default: m.AdminPage })));
const DashboardPage = lazy(() => import('./pages/DashboardPage').then((m) => ({ default: m.DashboardPage })));
const DelayedOrdersPage = lazy(() => import('./pages/DelayedOrdersPage').then((m) => ({ default: m.DelayedOrdersPage })));
const FixListPage = lazy(() => import('./pages/FixListPage').then((m) => ({ default: m.FixListPage })));
const IncidentPage = lazy(() => import('./pages/IncidentPage').then((m) => ({ default: m.IncidentPage })));
const IncidentsPage = lazy(() => import('./pages/IncidentsPage').then((m) => ({ default: m.IncidentsPage })));
const OrderPage = lazy(() => import('./pages/OrderPage').then((m) => ({ default: m.OrderPage })));
const ReportsPage = lazy(() => import('./pages/ReportsPage').then((m) => ({ default: m.ReportsPage })));
const RulesPage = lazy(() => import('./pages/RulesPage').then((m) => ({ default: m.RulesPage })));
const ShopsPage = lazy(() => import('./pages/ShopsPage').then((m) => ({ default: m.ShopsPage })));
const SearchPage = lazy(() => import('./pages/SearchPage').then((m) => ({ default: m.SearchPage })));

type Section = 'dashboard' | 'incidents' | 'search' | 'reports' | 'rules' | 'admin';

function sectionOf(path: string): Section {
  if (path.startsWith('/incidents') || path.startsWith('/fix-list')) return 'incidents';
  if (path.startsWith('/search') || path.startsWith('/orders')) return 'search';
  if (path.startsWith('/reports')) return 'reports';
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
  if (path === '/reports') return <ReportsPage />;
  if (path === '/incidents') return <IncidentsPage />;
  if (path === '/fix-list') return <FixListPage />;
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
  const phone = Grid.useBreakpoint().md === false;
  const [collapsed, setCollapsed] = useState(false);
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
          ['reports', '/reports', <FileTextOutlined key="i" />, t('navReports')],
          ['rules', '/rules', <SlidersOutlined key="i" />, t('navRules')],
          ['admin', '/admin', <SettingOutlined key="i" />, t('navAdmin')],
        ] as const
      )
        .filter(([key]) => me && canSee(me.role, key))
        .map(([key, to, icon, text]) => ({
          key,
          icon,
          label: (
            <a
              href={to}
              onClick={(e) => {
                e.preventDefault();
                navigate(to);
                // On a phone the menu lies over the page: it folds away once used.
                if (phone) setCollapsed(true);
              }}
            >
              {text}
            </a>
          ),
        })),
    [me, t, phone],
  );
  const languageButton = (
    <Button icon={<TranslationOutlined />} onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} aria-label={t('language')} data-testid="lang-switch">
      {phone ? (lang === 'zh' ? 'EN' : '中') : t('switchLanguage')}
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
              <Sider breakpoint="lg" collapsed={collapsed} onCollapse={setCollapsed} collapsedWidth={phone ? 0 : 56} width={208} theme="dark" collapsible={phone} trigger={phone ? undefined : null} zeroWidthTriggerStyle={{ top: 10 }} style={phone && !collapsed ? { position: 'fixed', zIndex: 20, height: '100vh' } : undefined}>
                <div style={{ color: '#fff', padding: '16px 16px 8px', fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden' }}>orderwatch</div>
                <Menu theme="dark" mode="inline" selectedKeys={[sectionOf(path)]} items={items} />
              </Sider>
              <Layout>
                <Header className="ow-header" style={{ background: '#fff', padding: phone ? '0 8px 0 48px' : '0 20px', display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 8, borderBottom: '1px solid #f0f0f0', height: 56, minWidth: 0 }}>
                  <Typography.Text strong ellipsis style={{ fontSize: phone ? 14 : 16, minWidth: 0 }}>
                    {phone ? t('appName') : t('appSubtitle')}
                  </Typography.Text>
                  <Space size={phone ? 4 : 8} style={{ flexShrink: 0 }}>
                    {languageButton}
                    <span data-testid="who" style={{ whiteSpace: 'nowrap' }}>
                      {phone ? label(ROLES, me.role, lang) : `${me.name} · ${label(ROLES, me.role, lang)}`}
                    </span>
                    <Button icon={<LogoutOutlined />} onClick={signOut} aria-label={t('signOut')}>
                      {phone ? null : t('signOut')}
                    </Button>
                  </Space>
                </Header>
                <Content style={{ padding: phone ? 8 : 20, maxWidth: 1600, width: '100%', margin: '0 auto', minWidth: 0 }}>
                  <DemoBanner role={me.role} />
                  <Suspense fallback={<Spin style={{ display: 'block', margin: '48px auto' }} />}>
                    <Page me={me} />
                  </Suspense>
                </Content>
              </Layout>
            </Layout>
          </SessionContext.Provider>
        )}
      </AntApp>
    </ConfigProvider>
  );
}
