import { SendOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { api } from '../api';
import { time } from '../format';
import { useI18n } from '../i18n';
import { RECEIVER_TYPES, ROLES, label } from '../labels';
import { navigate } from '../router';
import { useApi } from '../use-api';

interface User {
  readonly name: string;
  readonly role: string;
  readonly displayName?: string;
  readonly createdAt: string;
  readonly disabled: boolean;
}

/** AdminPage lists the receivers (with a test message each) and the users with their roles; an admin adds people here. */
export function AdminPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const receivers = useApi<{ receivers: Array<{ name: string; type: string; target: string }> }>('/receivers');
  const users = useApi<{ users: User[] }>('/users');
  const [form] = Form.useForm();
  const test = async (name: string) => {
    try {
      const r = await api<{ outboxId: string }>(`/receivers/${encodeURIComponent(name)}/test`, { method: 'POST' });
      void message.success(t('testQueued', { id: r.outboxId }));
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const addUser = async (v: { name: string; role: string; password: string; displayName?: string }) => {
    try {
      await api('/users', { body: { name: v.name, role: v.role, password: v.password, ...(v.displayName ? { displayName: v.displayName } : {}) } });
      void message.success(t('userAdded', { n: v.name }));
      form.resetFields();
      users.reload();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('navAdmin')}
      </Typography.Title>
      <Button data-testid="open-shops" onClick={() => navigate('/admin/shops')} style={{ alignSelf: 'flex-start' }}>
        {lang === 'zh' ? '店铺接入与同步状态' : 'Connected shops and sync status'}
      </Button>
      <Card size="small" title={t('receivers')}>
        {receivers.error && <Alert type="error" title={receivers.error.message} />}
        <Table
          size="small"
          rowKey="name"
          loading={receivers.loading}
          pagination={false}
          locale={{ emptyText: t('noReceivers') }}
          dataSource={receivers.data?.receivers ?? []}
          columns={[
            { title: t('name'), dataIndex: 'name' },
            { title: t('type'), dataIndex: 'type', render: (v: string) => <Tag>{label(RECEIVER_TYPES, v, lang)}</Tag> },
            { title: t('target'), dataIndex: 'target' },
            {
              title: t('actions'),
              render: (_v, r) => (
                <Button size="small" icon={<SendOutlined />} onClick={() => void test(r.name)}>
                  {t('sendTest')}
                </Button>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('users')}>
        <Table<User>
          size="small"
          rowKey="name"
          loading={users.loading}
          pagination={false}
          dataSource={users.data?.users ?? []}
          columns={[
            { title: t('userName'), dataIndex: 'name' },
            { title: t('displayName'), dataIndex: 'displayName' },
            { title: t('role'), dataIndex: 'role', render: (r: string) => <Tag color="blue">{label(ROLES, r, lang)}</Tag> },
            { title: t('createdAt'), dataIndex: 'createdAt', render: (v: string) => time(v) },
            { title: t('state'), dataIndex: 'disabled', render: (d: boolean) => (d ? <Tag>{t('disabled')}</Tag> : null) },
          ]}
        />
        <Form form={form} layout="inline" onFinish={(v) => void addUser(v as { name: string; role: string; password: string })} style={{ marginTop: 12, rowGap: 8 }}>
          <Form.Item name="name" label={t('userName')} rules={[{ required: true, message: t('required') }]}>
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item name="displayName" label={t('displayName')}>
            <Input style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="role" label={t('role')} rules={[{ required: true, message: t('required') }]}>
            <Select style={{ width: 140 }} options={['agent', 'supervisor', 'ops_manager', 'warehouse', 'executive', 'admin'].map((r) => ({ value: r, label: label(ROLES, r, lang) }))} />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('required') }, { min: 12 }]}>
            <Input.Password style={{ width: 160 }} autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" icon={<UserAddOutlined />}>
            {t('addUser')}
          </Button>
        </Form>
      </Card>
    </Space>
  );
}
