import { describe, expect, it } from 'vitest';
import { deliveryProblem } from './delivery-problem.js';

describe('deliveryProblem', () => {
  it('tells a supervisor an SMS that may have gone is not sent again, in Chinese', () => {
    const words = deliveryProblem('sms aliyun: network error: fetch failed (bad port); the SMS may have been sent, so it is not retried (SMS is not idempotent); look up OutId ow-83 in the delivery report', 'dead');
    expect(words.zh).toBe('短信可能已发出：为免客户收到两条，不再重发，请在短信平台的发送记录中核对，已停止重试');
    expect(words.en).toMatch(/^The SMS may have been sent/);
  });

  it.each([
    ['wecom: network error: fetch failed', 'pending', '连不上接收方（网络错误），将自动重试'],
    ['dingtalk: timeout: no complete answer within 10000 ms', 'pending', '接收方没有在时限内应答，将自动重试'],
    ['dingtalk 130101: send too fast (rate limit)', 'pending', '接收方限流，稍后再发，将自动重试'],
    ['dingtalk 310000: keywords not in content (the robot’s security keyword)', 'dead', '接收方拒收：签名、令牌、关键词或 IP 设置不符，请检查策略与平台后台，已停止重试'],
    ['webhook: HTTP 503: busy', 'pending', '接收方服务出错，将自动重试'],
    ['webhook: HTTP 404', 'dead', '接收方拒收，已停止重试'],
    ['receiver "old" is not in the policy file (receivers)', 'dead', '接收方已不在策略文件中，已停止重试'],
    ['something nobody foresaw', 'dead', '发送失败，已停止重试'],
  ])('%s (%s) → %s', (reason, state, zh) => {
    expect(deliveryProblem(reason, state).zh).toBe(zh);
  });
});
