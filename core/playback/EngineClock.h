// The time the playback engine schedules on, injectable: the steady clock (precise waits, the
// default) or a manual clock that tests advance by hand, so that what a test asserts about
// timing does not depend on how the machine schedules threads.
#pragma once

#include "playback/MidiSink.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>

namespace jazz::playback {

class EngineClock {
public:
    virtual ~EngineClock() = default;
    virtual Clock::time_point now() const = 0;
    // On the scheduler thread: waits until `due`, or less (about 2 ms of real time at most) so
    // that the caller looks at its controls and queue again; callers loop until now() >= due.
    virtual void waitUntil(Clock::time_point due) const = 0;
    // Around a scheduler's run: starting is called on the thread that starts it, ended on the
    // scheduler thread when it ends (a manual clock stops waiting for it to settle).
    virtual void schedulerStarting() const {}
    virtual void schedulerEnded() const {}
    // The real steady clock, shared by everything that does not say otherwise.
    static const EngineClock& steady();
};

// The real clock: sleeps in slices while the event is far, then spins for the last few
// milliseconds (see the measurements in EngineClock.cpp).
class SteadyEngineClock : public EngineClock {
public:
    Clock::time_point now() const override { return Clock::now(); }
    void waitUntil(Clock::time_point due) const override;
};

// A clock that moves only when a test advances it. advance() returns once the scheduler has
// handled everything due up to the new time and waits for a later one (or has ended), so a test
// reads exact results after each step. Test-only: it takes a mutex, the real clock never does.
class ManualClock : public EngineClock {
public:
    explicit ManualClock(Clock::time_point start = Clock::time_point(std::chrono::seconds(1)));
    Clock::time_point now() const override;
    void waitUntil(Clock::time_point due) const override;
    void schedulerStarting() const override;
    void schedulerEnded() const override;
    // Moves time on and waits (up to `settle` of real time) until the scheduler has caught up;
    // false if it did not (no scheduler running, or it is stuck). advance(0) lets the
    // scheduler take in controls and queued events at the current time.
    bool advance(std::chrono::nanoseconds by,
                 std::chrono::milliseconds settle = std::chrono::milliseconds(5000));
    bool advanceTo(Clock::time_point t,
                   std::chrono::milliseconds settle = std::chrono::milliseconds(5000));

private:
    mutable std::mutex m_;
    mutable std::condition_variable cv_;
    Clock::time_point now_;
    uint64_t generation_ = 0; // bumped by every advance
    // The generation the scheduler's current loop began in: when its last wait returned (or it
    // started). What it read of its controls and queue since then is at least that new; a wait
    // entered in a later generation returns at once, so that it looks again first.
    mutable uint64_t returned_ = 0;
    mutable uint64_t seen_ = 0;            // returned_ as of the wait it is in
    mutable Clock::time_point waitingFor_; // its deadline then
    mutable bool waiting_ = false;
    mutable bool ended_ = false;
};

} // namespace jazz::playback
