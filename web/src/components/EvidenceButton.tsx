import { FilePdfOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';

const EVIDENCE_PATH = '/api/v1/reports/evidence/{id}';
let paths: Promise<Set<string>> | undefined;

/** serverPaths reads the API's OpenAPI document once: which routes this server has. */
function serverPaths(): Promise<Set<string>> {
  paths ??= fetch('/api/v1/openapi.json', { credentials: 'same-origin' })
    .then((r) => (r.ok ? (r.json() as Promise<{ paths?: Record<string, unknown> }>) : { paths: {} }))
    .then((doc) => new Set(Object.keys(doc.paths ?? {})))
    .catch(() => new Set<string>());
  return paths;
}

/**
 * EvidenceButton opens the evidence PDF of an order or an incident. The
 * reports module provides the endpoint; until the server has it, the button
 * is shown disabled with a tooltip that says so.
 */
export function EvidenceButton({ id }: { id: string }) {
  const { t } = useI18n();
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    void serverPaths().then((p) => setAvailable(p.has(EVIDENCE_PATH)));
  }, []);
  if (!available) {
    return (
      <Tooltip title={t('evidencePdfSoon')}>
        <Button icon={<FilePdfOutlined />} disabled aria-label={`${t('evidencePdf')}: ${t('evidencePdfSoon')}`}>
          {t('evidencePdf')}
        </Button>
      </Tooltip>
    );
  }
  return (
    <Button icon={<FilePdfOutlined />} href={`/api/v1/reports/evidence/${encodeURIComponent(id)}`} target="_blank" rel="noopener" data-testid="evidence-pdf">
      {t('evidencePdf')}
    </Button>
  );
}
