// Delivery: the outbox worked through one lane per receiver (src/notify/delivery).
export { DeliveryLanes, type DeliveryLanesDeps, type LaneStatus } from './delivery-lanes.js';
export { drainLane, emptyDelivery, configHashOf, type DeliverySummary, type LaneDeps } from './receiver-lane.js';
export { backoffMs, parkMs, MAX_ATTEMPTS, LANE_CONCURRENCY, PARK_AFTER_FAILURES, PARK_AFTER_REJECTIONS } from './lane-policy.js';
