#include "playback/EngineClock.h"

#include <thread>

namespace jazz::playback {

namespace {
// The last 6 ms before an event are spent spinning. Measured here (a 2-core VM): a sleeping
// thread wakes up to several milliseconds late about once in a hundred, and events must leave
// within 1 ms of their due time; with 1.5 ms of spinning the scheduler's own p99 was 1.7-6 ms,
// with 6 ms it is 0.1-0.3 ms. The price is up to a tenth of one core during dense passages.
constexpr auto kSpin = std::chrono::nanoseconds(6'000'000);
constexpr auto kSlice = std::chrono::nanoseconds(2'000'000); // controls looked at every 2 ms
} // namespace

const EngineClock& EngineClock::steady() {
    static const SteadyEngineClock clock;
    return clock;
}

void SteadyEngineClock::waitUntil(Clock::time_point due) const {
    const auto now = Clock::now();
    if (due - now > kSpin) {
        std::this_thread::sleep_for(std::min<Clock::duration>(due - now - kSpin, kSlice));
        return;
    }
    // Spin, but not past a slice: a queued event or a control may need a look sooner.
    const auto until = std::min<Clock::time_point>(due, now + kSlice);
    while (Clock::now() < until) {
    }
}

ManualClock::ManualClock(Clock::time_point start) : now_(start) {}

Clock::time_point ManualClock::now() const {
    std::lock_guard<std::mutex> lock(m_);
    return now_;
}

void ManualClock::waitUntil(Clock::time_point due) const {
    std::unique_lock<std::mutex> lock(m_);
    // Not the generation now: an advance that came after the scheduler read its controls (in
    // this loop) must not count as seen, or advance() could report a tempo change or a jump
    // taken in that was never read. Such a wait returns at once and the scheduler looks again.
    const uint64_t generation = returned_;
    seen_ = generation;
    waitingFor_ = due;
    waiting_ = true;
    cv_.notify_all();
    // A real-time slice as the steady clock's, so controls stay live between advances.
    cv_.wait_for(lock, std::chrono::milliseconds(2),
                 [&] { return now_ >= due || generation_ != generation; });
    waiting_ = false;
    returned_ = generation_;
}

void ManualClock::schedulerStarting() const {
    std::lock_guard<std::mutex> lock(m_);
    ended_ = false;
    returned_ = generation_; // the scheduler reads its controls after this
}

void ManualClock::schedulerEnded() const {
    std::lock_guard<std::mutex> lock(m_);
    ended_ = true;
    cv_.notify_all();
}

bool ManualClock::advance(std::chrono::nanoseconds by, std::chrono::milliseconds settle) {
    std::unique_lock<std::mutex> lock(m_);
    now_ += std::chrono::duration_cast<Clock::duration>(by);
    const uint64_t generation = ++generation_;
    cv_.notify_all();
    // Settled: the scheduler waits, in this generation, for a time still ahead (everything due
    // up to now is sent), or it has ended.
    return cv_.wait_for(lock, settle, [&] {
        return ended_ || (waiting_ && seen_ == generation && waitingFor_ > now_);
    });
}

bool ManualClock::advanceTo(Clock::time_point t, std::chrono::milliseconds settle) {
    return advance(std::max<Clock::duration>(Clock::duration::zero(), t - now()), settle);
}

} // namespace jazz::playback
