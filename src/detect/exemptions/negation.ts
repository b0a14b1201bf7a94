// A negation word right before the phrase, optionally with a modal and an
// adverb in between: 不要晚点发, 别延迟发货, 不是预售, 无需清关, 千万不要再晚点发.
// Looking only at the few characters before the phrase keeps "不急，晚点发也行"
// (a real request) from reading as negated.
const NEGATED_BEFORE = /(?:不|别|勿|无需|无须|没有?|未|非|并非)(?:要|用|需|需要|必|是|能|会|想)?(?:再|太|先)?\s*$/;
const LOOK_BACK = 5;

/** isNegated tells whether the phrase starting at `index` of `text` is preceded by a simple negation (不/别/不要/无需 …). */
export function isNegated(text: string, index: number): boolean {
  return NEGATED_BEFORE.test(text.slice(Math.max(0, index - LOOK_BACK), index));
}
