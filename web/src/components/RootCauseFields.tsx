import { Form, Input, Select, type FormInstance } from 'antd';
import { useI18n } from '../i18n';
import { label, ROOT_CAUSE_CLASSES } from '../labels';
import { usePolicy } from '../policy';

/** The root cause class a close dialog starts with. */
export const DEFAULT_ROOT_CAUSE_CLASS = 'external';

/**
 * RootCauseFields are a close dialog's root cause: class, the policy's sub-causes of that class, and a note.
 * One for the incident page and the queue's bulk close; the sub-cause list follows the class chosen.
 */
export function RootCauseFields({ form }: { readonly form: FormInstance }) {
  const { t, lang } = useI18n();
  const policy = usePolicy();
  const rootClass = (Form.useWatch('class', form) as string | undefined) ?? DEFAULT_ROOT_CAUSE_CLASS;
  const subCauses = policy?.rootCauses[rootClass === 'not_abnormal' ? 'notAbnormal' : (rootClass as 'system' | 'human' | 'external')] ?? [];
  return (
    <>
      <Form.Item name="class" label={t('rootCauseClass')} rules={[{ required: true, message: t('required') }]}>
        <Select onChange={() => form.setFieldValue('subCause', undefined)} options={Object.keys(ROOT_CAUSE_CLASSES).map((c) => ({ value: c, label: label(ROOT_CAUSE_CLASSES, c, lang) }))} />
      </Form.Item>
      <Form.Item name="subCause" label={t('subCause')} rules={[{ required: true, message: t('required') }]}>
        <Select options={subCauses.map((s) => ({ value: s.id, label: lang === 'zh' ? s.zh : s.en }))} />
      </Form.Item>
      <Form.Item name="note" label={t('note')}>
        <Input.TextArea autoSize={{ minRows: 2 }} />
      </Form.Item>
    </>
  );
}
