import { CopyOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Input, Segmented, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { Fragment, useEffect, useState, type ReactNode } from 'react';
import { ApiError } from '../api';
import { useI18n } from '../i18n';
import { label, SEND_CHANNELS, TEMPLATES } from '../labels';
import { usePolicy } from '../policy';
import { loadScript, PLACEHOLDER, sendScript, smsSize, VARIABLE_WORDS, type Script, type ScriptView } from '../script';

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

const VIEWS: readonly ScriptView[] = ['phone', 'sms', 'email', 'wecom'];

/**
 * ScriptPanel is the customer script for one order, ready for the call:
 * pick a template, read it (placeholders marked, a field for each value
 * nobody has yet), see its length and SMS parts, copy it or send it by SMS,
 * e-mail or WeCom. `template` is the one a checklist button asked for.
 * Sending goes through an incident; an order without one is read only.
 */
export function ScriptPanel({ incidentId, orderId, orderPicker, template: asked, onSent }: { incidentId?: string; orderId?: string; orderPicker?: ReactNode; template?: string; onSent?: () => void }) {
  const { t, lang, pick } = useI18n();
  const { message } = App.useApp();
  const policy = usePolicy();
  const [template, setTemplate] = useState(asked ?? 'delay');
  const [script, setScript] = useState<Script>();
  const [error, setError] = useState<string>();
  const [view, setView] = useState<ScriptView>('sms');
  const [vars, setVars] = useState<Record<string, string>>({});
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  useEffect(() => {
    if (asked) setTemplate(asked);
  }, [asked]);
  const errorText = (e: unknown) => (e instanceof ApiError ? ((lang === 'zh' ? e.zh : e.en) ?? e.message) : e instanceof Error ? e.message : String(e));
  useEffect(() => {
    if (!incidentId && !orderId) return;
    let stale = false;
    setError(undefined);
    loadScript({ ...(incidentId ? { incidentId } : {}), ...(orderId ? { orderId } : {}) }, template, lang, vars)
      .then((s) => !stale && setScript(s))
      .catch((e: unknown) => {
        if (stale) return;
        setScript(undefined);
        setError(errorText(e));
      });
    return () => {
      stale = true;
    };
    // Rendered again when the order, the template, the language or a filled-in value changes.
  }, [incidentId, orderId, template, lang, vars]);
  // Typing waits a moment before the script is rendered again with the value.
  useEffect(() => {
    const timer = setTimeout(() => setVars(typed), 400);
    return () => clearTimeout(timer);
  }, [typed]);

  const channel = view === 'phone' ? undefined : view;
  const option = channel ? script?.sendBy.find((c) => c.channel === channel) : undefined;
  const unfilled = (script?.missing ?? []).filter((m) => !(vars[m] ?? '').trim());
  const text = script ? (view === 'phone' ? script.texts.phone : view === 'email' ? script.texts.email : script.texts.sms) : '';
  const size = view === 'sms' || view === 'wecom' ? { chars: script?.chars ?? 0, segments: script?.smsSegments ?? 0 } : smsSize(text);
  const whyNot = !incidentId ? t('sendNeedsIncident') : !option ? t('channelUnavailable') : !option.available ? pick(option.why) || t('channelUnavailable') : unfilled.length > 0 ? t('fillFirst', { v: unfilled.map((m) => pick(VARIABLE_WORDS[m]) || m).join('、') }) : undefined;

  const send = async () => {
    if (!incidentId || !channel) return;
    setSending(true);
    try {
      const r = await sendScript(incidentId, script?.orderId ?? orderId, template, channel, lang, vars);
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
          style={{ width: 'min(260px, calc(100vw - 64px))' }}
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
          <Segmented<ScriptView> aria-label={t('sendBy')} value={view} onChange={setView} options={VIEWS.map((v) => ({ value: v, label: label(SEND_CHANNELS, v, lang) }))} data-testid="send-channel" style={{ marginBottom: 8, maxWidth: '100%', overflowX: 'auto' }} />
          {view === 'email' && script.texts.subject && <Typography.Text strong style={{ display: 'block' }}>{script.texts.subject}</Typography.Text>}
          <div className="ow-script" data-testid="rendered-template">
            {withPlaceholders(text)}
          </div>
          {script.missing.length > 0 && (
            <Space wrap size={[8, 4]} style={{ marginTop: 6 }} data-testid="script-missing">
              {script.missing.map((m) => (
                <Input
                  key={m}
                  size="small"
                  addonBefore={pick(VARIABLE_WORDS[m]) || m}
                  placeholder={t('fillIn')}
                  value={typed[m] ?? ''}
                  onChange={(e) => setTyped((v) => ({ ...v, [m]: e.target.value }))}
                  style={{ width: 240, maxWidth: '100%' }}
                  aria-label={pick(VARIABLE_WORDS[m]) || m}
                />
              ))}
            </Space>
          )}
          <Space wrap size={[8, 4]} style={{ margin: '6px 0' }}>
            <Tag data-testid="script-size">{t('scriptSize', { c: size.chars, s: size.segments })}</Tag>
            {unfilled.length > 0 && <Tag color="orange">{t('scriptMissing', { n: unfilled.length })}</Tag>}
          </Space>
          <Space wrap>
            <Button icon={<CopyOutlined />} onClick={() => void navigator.clipboard?.writeText(text).then(() => message.success(t('copied')))}>
              {t('copy')}
            </Button>
            {channel && (
              <Tooltip title={whyNot}>
                <Button type="primary" icon={<SendOutlined />} loading={sending} disabled={whyNot !== undefined} onClick={() => void send()} data-testid="send-script">
                  {t('sendAs', { c: label(SEND_CHANNELS, channel, lang) })}
                </Button>
              </Tooltip>
            )}
            {channel && whyNot && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="send-why-not">
                {whyNot}
              </Typography.Text>
            )}
          </Space>
        </>
      )}
    </Card>
  );
}
