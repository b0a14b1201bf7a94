import { CopyOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Segmented, Select, Space, Tag, Typography } from 'antd';
import { Fragment, useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../api';
import { useI18n } from '../i18n';
import { label, SEND_CHANNELS, TEMPLATES } from '../labels';
import { usePolicy } from '../policy';
import { loadScript, PLACEHOLDER, sendScript, type Script, type SendChannel } from '../script';

/** withPlaceholders marks the placeholders a person still fills in, so nobody sends 【补偿金额】 by mistake. */
function withPlaceholders(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    out.push(<Fragment key={`t${last}`}>{text.slice(last, m.index)}</Fragment>);
    out.push(
      <mark key={`p${m.index}`} className="ow-placeholder" data-testid="script-placeholder">
        {m[0]}
      </mark>,
    );
    last = m.index + m[0].length;
  }
  out.push(<Fragment key="end">{text.slice(last)}</Fragment>);
  return out;
}

/**
 * ScriptPanel is the customer script for one order, ready for the call:
 * pick a template, read it (placeholders marked), see its length and SMS
 * parts, copy it or send it by SMS, e-mail or WeCom. `template` is the one
 * a checklist button asked for.
 */
export function ScriptPanel({ incidentId, orderId, orderPicker, template: asked, onSent }: { incidentId?: string; orderId?: string; orderPicker?: ReactNode; template?: string; onSent?: () => void }) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const policy = usePolicy();
  const [template, setTemplate] = useState(asked ?? 'delay');
  const [script, setScript] = useState<Script>();
  const [error, setError] = useState<string>();
  const [channel, setChannel] = useState<SendChannel>('sms');
  const [sending, setSending] = useState(false);
  useEffect(() => {
    if (asked) setTemplate(asked);
  }, [asked]);
  const errorText = (e: unknown) => (e instanceof ApiError ? ((lang === 'zh' ? e.zh : e.en) ?? e.message) : e instanceof Error ? e.message : String(e));
  useEffect(() => {
    if (!incidentId && !orderId) return;
    let stale = false;
    setError(undefined);
    loadScript({ ...(incidentId ? { incidentId } : {}), ...(orderId ? { orderId } : {}) }, template, lang)
      .then((s) => {
        if (stale) return;
        setScript(s);
        if (!s.channels.includes(channel) && s.channels[0]) setChannel(s.channels[0]);
      })
      .catch((e: unknown) => {
        if (stale) return;
        setScript(undefined);
        setError(errorText(e));
      });
    return () => {
      stale = true;
    };
    // Re-render when the order, the template or the language changes.
  }, [incidentId, orderId, template, lang]);

  const send = async () => {
    setSending(true);
    try {
      const r = await sendScript({ ...(incidentId ? { incidentId } : {}), ...(orderId ? { orderId } : {}) }, template, channel, lang, policy?.receiverNames ?? []);
      void message.success(`${t('queued')}${r.outboxId ? `: ${r.outboxId}` : ''}`);
      onSent?.();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setSending(false);
    }
  };
  const templates = Object.keys(policy?.templates ?? { delay: 1, comfort: 1 });
  return (
    <Card size="small" title={t('customerMessage')} data-testid="script-panel">
      <Space wrap style={{ marginBottom: 8 }}>
        <Select
          aria-label={t('template')}
          style={{ minWidth: 180 }}
          value={template}
          onChange={setTemplate}
          options={templates.map((k) => ({ value: k, label: policy?.templates[k]?.subject ? pick(policy.templates[k]!.subject) : label(TEMPLATES, k, lang) }))}
          data-testid="script-template"
        />
        {orderPicker}
      </Space>
      {error && <Alert type="warning" showIcon title={error} />}
      {script && (
        <>
          {script.subject && <Typography.Text strong>{script.subject}</Typography.Text>}
          <div className="ow-script" data-testid="rendered-template">
            {withPlaceholders(script.text)}
          </div>
          <Space wrap size={[8, 4]} style={{ margin: '6px 0' }}>
            <Tag data-testid="script-size">{t('scriptSize', { c: script.chars, s: script.smsSegments })}</Tag>
            {script.missing.length > 0 && <Tag color="orange">{t('scriptMissing', { n: script.missing.length })}</Tag>}
          </Space>
          <Space wrap>
            <Button icon={<CopyOutlined />} onClick={() => void navigator.clipboard?.writeText(script.text).then(() => message.success(t('copied')))}>
              {t('copy')}
            </Button>
            <Segmented<SendChannel> aria-label={t('sendBy')} value={channel} onChange={setChannel} options={script.channels.map((c) => ({ value: c, label: label(SEND_CHANNELS, c, lang) }))} data-testid="send-channel" />
            <Button type="primary" icon={<SendOutlined />} loading={sending} onClick={() => void send()} data-testid="send-script">
              {t('send')}
            </Button>
          </Space>
        </>
      )}
    </Card>
  );
}
