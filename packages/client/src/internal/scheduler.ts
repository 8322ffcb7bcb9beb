/**
 * A scheduler for the client's short-lived fibers. Effect's default scheduler
 * (3.20 on) gives each fiber that ever waits a runner of its own, kept in a
 * `WeakMap`: for a fiber that lives for one request, making that runner and
 * its weak entry, and collecting them, cost more than the rest of the fiber.
 * {@link forShortFibers} schedules on the default scheduler's one shared
 * runner instead: the same policy (microtasks, then a timer after 2,048 in a
 * row), one runner for all such fibers. A caller's own scheduler is kept.
 *
 * @internal
 */
import * as Scheduler from "effect/Scheduler"

const shared: Scheduler.Scheduler = {
  scheduleTask: (task, priority) => Scheduler.defaultScheduler.scheduleTask(task, priority),
  shouldYield: (fiber) => Scheduler.defaultScheduler.shouldYield(fiber)
}

/** The scheduler for a short-lived fiber forked by a fiber running on `current`. @internal */
export const forShortFibers = (current: Scheduler.Scheduler): Scheduler.Scheduler =>
  current === Scheduler.defaultScheduler ? shared : current
