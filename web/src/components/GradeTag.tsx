import { Tag } from 'antd';
import { useI18n } from '../i18n';
import { GRADE_COLORS, GRADES, label, levelLabel } from '../labels';

/** GradeTag shows a grade and a response level in words (A 级 · 一级), coloured the same everywhere. */
export function GradeTag({ grade, level, onClick }: { grade: string; level?: number | string; onClick?: () => void }) {
  const { lang } = useI18n();
  return (
    <Tag color={GRADE_COLORS[grade]} style={{ color: grade === 'C' || grade === 'none' ? '#000' : undefined, cursor: onClick ? 'pointer' : undefined, marginInlineEnd: 0 }} onClick={onClick} data-grade={grade}>
      {label(GRADES, grade, lang)}
      {level !== undefined ? ` · ${levelLabel(level, lang)}` : ''}
    </Tag>
  );
}
