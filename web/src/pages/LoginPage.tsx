import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';
import type { Me } from '../session';

/** LoginPage signs a person in with the users of `orderwatch user add`. */
export function LoginPage({ onSignedIn, languageButton }: { onSignedIn(me: Me): void; languageButton: ReactNode }) {
  const { t, pick } = useI18n();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (values: { name: string; password: string }) => {
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await api<Me>('/auth/login', { body: values }));
    } catch (e) {
      // 429: throttled after too many failures; the server says how long to wait, in both languages.
      setError(e instanceof ApiError && e.status === 401 ? t('signInFailed') : e instanceof ApiError && e.zh && e.en ? pick({ zh: e.zh, en: e.en }) : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: 'linear-gradient(160deg, #1d2b45 0%, #2a4a7f 100%)' }}>
      <Card style={{ width: 380 }} title={<span>orderwatch · {t('appName')}</span>} extra={languageButton}>
        <Typography.Paragraph type="secondary">{t('appSubtitle')}</Typography.Paragraph>
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label={t('userName')} name="name" rules={[{ required: true, message: t('required') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t('password')} name="password" rules={[{ required: true, message: t('required') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} role="alert" showIcon />}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('signIn')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
