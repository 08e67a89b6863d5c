#include "playback/PlaybackEngine.h"

#include <algorithm>
#include <cmath>

#ifdef __linux__
#include <pthread.h>
#include <sched.h>
#include <sys/prctl.h>
#endif

namespace jazz::playback {

namespace {

int64_t toNs(Clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

Clock::time_point fromNs(int64_t ns) {
    return Clock::time_point(
        std::chrono::duration_cast<Clock::duration>(std::chrono::nanoseconds(ns)));
}

bool isNoteOff(const PlaybackEngine::Event& e) {
    return (e.bytes[0] & 0xF0) == 0x80 || ((e.bytes[0] & 0xF0) == 0x90 && e.bytes[2] == 0);
}

// Playing order of two events at one beat: note-offs first.
bool before(const PlaybackEngine::Event& a, const PlaybackEngine::Event& b) {
    if (a.beat != b.beat)
        return a.beat < b.beat;
    return isNoteOff(a) && !isNoteOff(b);
}

} // namespace

bool PlaybackEngine::PlaysBefore::operator()(const Event& a, const Event& b) const {
    return before(a, b);
}

PlaybackEngine::PlaybackEngine(MidiSink* sink, const EngineClock* clock)
    : sink_(sink), clock_(clock ? clock : &EngineClock::steady()) {
    for (int ch = 0; ch < 16; ++ch) {
        wantVolume_[ch] = 100;
        wantMute_[ch] = false;
    }
}

PlaybackEngine::~PlaybackEngine() {
    stop();
}

void PlaybackEngine::load(const midi::Song& song) {
    stop();
    events_.clear();
    setup_.clear();
    length_ = 0;
    barBeats_ = song.beatsPerBar > 0 ? song.beatsPerBar * 4.0 / std::max(1, song.beatUnit) : 4;
    for (int ch = 0; ch < 16; ++ch) {
        wantVolume_[ch] = 100;
        wantMute_[ch] = false;
        loadedVolume_[ch] = 100;
    }
    for (const auto& t : song.tracks) {
        const uint8_t ch = uint8_t(t.channel & 0x0F);
        wantVolume_[ch] = std::clamp(t.volume, 0, 127);
        loadedVolume_[ch] = uint8_t(wantVolume_[ch].load());
        setup_.push_back({0, {uint8_t(0xC0 | ch), uint8_t(t.program & 0x7F), 0}, 2});
        setup_.push_back({0, {uint8_t(0xB0 | ch), 7, uint8_t(std::clamp(t.volume, 0, 127))}, 3});
        for (const auto& n : t.notes)
            length_ = std::max(length_.load(), n.start + n.duration);
    }
    std::vector<const midi::SongTrack*> tracks;
    for (const auto& t : song.tracks)
        tracks.push_back(&t);
    for (const midi::NoteEvent& n : midi::noteEvents(tracks, kTicksPerBeat))
        events_.push_back({double(n.tick) / kTicksPerBeat, {n.status, n.key, n.velocity}, 3});
    Event dropped;
    while (queue_.pop(dropped)) {
    }
    pending_.clear();
    bpm_ = song.bpm > 0 ? song.bpm : 120;
    position_ = 0;
}

void PlaybackEngine::play(double fromBeat) {
    stop();
    clock_->schedulerStarting();
    stopRequested_ = false;
    jumpTo_ = -1;
    // The run starts now, on the caller's clock reading (a manual clock's time is the test's).
    // Its mapping is published before the thread starts, so that beatAt()/timeAt() are the
    // run's from the moment play() returns (the thread publishes the same again).
    const double from = std::max(0.0, fromBeat);
    const Clock::time_point startAt = clock_->now();
    const double bpm = bpm_.load();
    publishRun(toNs(startAt) - int64_t(from * (60e9 / bpm)), bpm);
    running_ = true;
    playing_ = true;
    thread_ = std::thread(&PlaybackEngine::run, this, from, startAt);
}

void PlaybackEngine::stop() {
    stopRequested_ = true;
    if (thread_.joinable())
        thread_.join();
    playing_ = false;
}

void PlaybackEngine::panic() {
    stop();
    silence(true);
}

void PlaybackEngine::setChannelMix(int channel, int volume, bool muted) {
    if (channel < 0 || channel > 15)
        return;
    wantVolume_[channel] = std::clamp(volume, 0, 127);
    wantMute_[channel] = muted;
    mixPending_.store(true, std::memory_order_release);
}

bool PlaybackEngine::channelMuted(int channel) const {
    return channel >= 0 && channel < 16 && wantMute_[channel].load();
}

void PlaybackEngine::applyMix() {
    mixPending_.store(false, std::memory_order_relaxed);
    for (uint8_t ch = 0; ch < 16; ++ch) {
        const bool mute = wantMute_[ch].load(std::memory_order_acquire);
        const uint8_t volume = uint8_t(wantVolume_[ch].load(std::memory_order_acquire));
        if (mute && !muted_[ch])
            for (uint8_t key = 0; key < 128; ++key)
                while (sounding_[ch][key].load(std::memory_order_relaxed) > 0) {
                    const uint8_t off[3] = {uint8_t(0x80 | ch), key, 0};
                    send(off, 3);
                }
        muted_[ch] = mute;
        if (volume != volume_[ch]) {
            volume_[ch] = volume;
            const uint8_t cc[3] = {uint8_t(0xB0 | ch), 7, volume};
            send(cc, 3);
        }
    }
}

bool PlaybackEngine::dropped(const Event& e) const {
    const uint8_t kind = e.bytes[0] & 0xF0, ch = e.bytes[0] & 0x0F;
    if (!muted_[ch])
        return false;
    if (kind == 0x90)
        return true;
    // A muted channel's note-offs go out only for notes still sounding from before the mute.
    return kind == 0x80 && sounding_[ch][e.bytes[1] & 0x7F].load(std::memory_order_relaxed) == 0;
}

void PlaybackEngine::setTempo(double bpm) {
    bpm_ = std::clamp(bpm, 10.0, 1000.0);
}

void PlaybackEngine::setLoop(double startBeat, double endBeat) {
    loopStart_ = startBeat;
    loopEnd_ = endBeat;
}

void PlaybackEngine::jump(double beat) {
    if (playing_)
        jumpTo_ = std::max(0.0, beat);
    else
        position_ = std::max(0.0, beat);
}

void PlaybackEngine::publishRun(int64_t beatZeroNs, double bpm) {
    runSeq_.fetch_add(1, std::memory_order_acq_rel);
    startedAtNs_.store(beatZeroNs, std::memory_order_relaxed);
    runBpm_.store(bpm, std::memory_order_relaxed);
    runSeq_.fetch_add(1, std::memory_order_release);
}

Clock::time_point PlaybackEngine::startedAt() const {
    return fromNs(startedAtNs_.load());
}

double PlaybackEngine::beatAt(Clock::time_point t) const {
    if (!running_.load()) // not started: the position now, at the tempo set
        return position() + double(toNs(t) - toNs(clock_->now())) * bpm_.load() / 60e9;
    for (;;) {
        const uint64_t s1 = runSeq_.load(std::memory_order_acquire);
        const int64_t zero = startedAtNs_.load(std::memory_order_relaxed);
        const double bpm = runBpm_.load(std::memory_order_relaxed);
        std::atomic_thread_fence(std::memory_order_acquire);
        if (s1 % 2 == 0 && runSeq_.load(std::memory_order_relaxed) == s1)
            return double(toNs(t) - zero) * bpm / 60e9;
    }
}

Clock::time_point PlaybackEngine::timeAt(double beat) const {
    if (!running_.load())
        return fromNs(toNs(clock_->now()) + int64_t((beat - position()) * 60e9 / bpm_.load()));
    for (;;) {
        const uint64_t s1 = runSeq_.load(std::memory_order_acquire);
        const int64_t zero = startedAtNs_.load(std::memory_order_relaxed);
        const double bpm = runBpm_.load(std::memory_order_relaxed);
        std::atomic_thread_fence(std::memory_order_acquire);
        if (s1 % 2 == 0 && runSeq_.load(std::memory_order_relaxed) == s1)
            return fromNs(zero + int64_t(beat * 60e9 / bpm));
    }
}

bool PlaybackEngine::schedule(const Event& event) {
    if (queue_.push(event))
        return true;
    queueDropped_.fetch_add(1, std::memory_order_relaxed);
    return false;
}

void PlaybackEngine::extendTo(double beats) {
    double l = length_.load();
    while (beats > l && !length_.compare_exchange_weak(l, beats)) {
    }
}

void PlaybackEngine::takeQueued() {
    Event e;
    while (queue_.pop(e))
        if (!pending_.push(e)) // never grows: counted, not kept
            queueDropped_.fetch_add(1, std::memory_order_relaxed);
}

void PlaybackEngine::setErrorHandler(std::function<void(const std::string&)> handler) {
    onError_ = std::move(handler);
}

void PlaybackEngine::setFinishedHandler(std::function<void()> handler) {
    onFinished_ = std::move(handler);
}

void PlaybackEngine::send(const uint8_t* b, size_t n) {
    sink_->send(b, n);
    const uint8_t kind = b[0] & 0xF0, ch = b[0] & 0x0F;
    if (kind == 0x90 && n == 3)
        sounding_[ch][b[1] & 0x7F].fetch_add(1, std::memory_order_relaxed);
    else if (kind == 0x80 && n == 3 &&
             sounding_[ch][b[1] & 0x7F].load(std::memory_order_relaxed) > 0)
        sounding_[ch][b[1] & 0x7F].fetch_sub(1, std::memory_order_relaxed);
}

void PlaybackEngine::silence(bool allChannels) {
    for (uint8_t ch = 0; ch < 16; ++ch)
        for (uint8_t key = 0; key < 128; ++key)
            while (sounding_[ch][key].load(std::memory_order_relaxed) > 0) {
                const uint8_t off[3] = {uint8_t(0x80 | ch), key, 0};
                send(off, 3);
            }
    if (!allChannels)
        return;
    for (uint8_t ch = 0; ch < 16; ++ch) {
        const uint8_t sustainOff[3] = {uint8_t(0xB0 | ch), 64, 0};
        const uint8_t allNotesOff[3] = {uint8_t(0xB0 | ch), 123, 0};
        sink_->send(sustainOff, 3);
        sink_->send(allNotesOff, 3);
    }
}

void PlaybackEngine::run(double fromBeat, Clock::time_point startAt) {
#ifdef __linux__
    // Ask for precise wake-ups and, where allowed, real-time priority; both are best effort.
    prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
    sched_param param{};
    param.sched_priority = std::max(1, sched_get_priority_min(SCHED_FIFO));
    pthread_setschedparam(pthread_self(), SCHED_FIFO, &param);
#endif
    for (const Event& e : setup_)
        send(e.bytes, e.size);
    for (uint8_t ch = 0; ch < 16; ++ch) { // the mix as set before play applies at once
        volume_[ch] = loadedVolume_[ch];
        muted_[ch] = false;
    }
    applyMix();
    double mixAt = -1; // the bar line where a mix change asked for while playing applies
    double bpm = bpm_.load();
    double anchorBeat = fromBeat;
    int64_t anchorNs = toNs(startAt);
    auto nowNs = [&] { return toNs(clock_->now()); };
    auto nsPerBeat = [&] { return 60e9 / bpm; };
    auto dueNs = [&](double beat) { return anchorNs + int64_t((beat - anchorBeat) * nsPerBeat()); };
    auto beatAtNs = [&](int64_t t) { return anchorBeat + double(t - anchorNs) / nsPerBeat(); };
    auto publishStart = [&] {
        publishRun(anchorNs - int64_t(anchorBeat * nsPerBeat()), bpm);
        running_ = true;
    };
    auto firstAtOrAfter = [&](double beat) {
        return size_t(std::lower_bound(events_.begin(), events_.end(), beat,
                                       [](const Event& e, double b) { return e.beat < b; }) -
                      events_.begin());
    };
    auto dropPendingBefore = [&](double beat) {
        while (!pending_.empty() && pending_.next().beat < beat)
            pending_.pop();
    };
    publishStart();
    size_t idx = firstAtOrAfter(fromBeat);
    takeQueued();
    dropPendingBefore(fromBeat); // queued for a passage this run does not play
    bool finished = false;
    while (!stopRequested_.load(std::memory_order_relaxed) && !sink_->failed()) {
        // Controls: a jump, a tempo change; then what was queued.
        if (const double j = jumpTo_.exchange(-1); j >= 0) {
            silence(false);
            anchorBeat = j;
            anchorNs = nowNs();
            idx = firstAtOrAfter(j);
            takeQueued();
            dropPendingBefore(j);
            publishStart();
        }
        if (const double b = bpm_.load(std::memory_order_relaxed); b != bpm) {
            const int64_t t = nowNs();
            anchorBeat = beatAtNs(t);
            anchorNs = t;
            bpm = b;
            publishStart();
        }
        takeQueued();
        const double loopStart = loopStart_.load(), loopEnd = loopEnd_.load();
        const bool looping = loopEnd > loopStart && anchorBeat < loopEnd;
        const bool songLeft = idx < events_.size(), queuedLeft = !pending_.empty();
        double nextBeat = songLeft ? events_[idx].beat : 0;
        if (queuedLeft && (!songLeft || pending_.next().beat < nextBeat))
            nextBeat = pending_.next().beat;
        bool wrap = false, end = false;
        if (looping && ((!songLeft && !queuedLeft) || nextBeat >= loopEnd)) {
            nextBeat = loopEnd;
            wrap = true;
        } else if (!songLeft && !queuedLeft) {
            // Nothing left: the end, or keep time until the song's (extended) length.
            nextBeat = length_.load();
            end = true;
        }
        // Wait (the clock decides how: in slices, then spinning), then look at everything again.
        const int64_t due = dueNs(nextBeat);
        if (const int64_t now = nowNs(); now < due) {
            position_.store(std::min(beatAtNs(now), nextBeat), std::memory_order_relaxed);
            clock_->waitUntil(fromNs(due));
            position_.store(std::min(beatAtNs(nowNs()), nextBeat), std::memory_order_relaxed);
            continue;
        }
        if (end) {
            finished = true;
            break;
        }
        if (mixPending_.load(std::memory_order_acquire) && mixAt < 0)
            mixAt = (std::floor(beatAtNs(nowNs()) / barBeats_ + 1e-9) + 1) * barBeats_;
        if (mixAt >= 0 && (wrap || nextBeat >= mixAt - 1e-9)) {
            applyMix();
            mixAt = -1;
        }
        if (wrap) {
            silence(false);
            anchorBeat = loopStart;
            anchorNs = due;
            idx = firstAtOrAfter(loopStart);
            publishStart();
            continue;
        }
        // Everything due now goes out together, the song's and the queued merged in order.
        for (;;) {
            const bool song = idx < events_.size() && events_[idx].beat <= nextBeat;
            const bool queued = !pending_.empty() && pending_.next().beat <= nextBeat;
            if (!song && !queued)
                break;
            if (queued && (!song || before(pending_.next(), events_[idx]))) {
                if (!dropped(pending_.next()))
                    send(pending_.next().bytes, pending_.next().size);
                pending_.pop();
            } else {
                if (!dropped(events_[idx]))
                    send(events_[idx].bytes, events_[idx].size);
                ++idx;
            }
        }
        position_.store(nextBeat, std::memory_order_relaxed);
        if (sink_->failed())
            break;
    }
    silence(!finished);
    if (finished)
        position_.store(length_.load(), std::memory_order_relaxed);
    running_ = false;
    // A failure is reported before the engine says it stopped: a caller that sees it stopped
    // (a trade's control loop) must never take it for a clean end.
    const bool failed = sink_->failed();
    if (failed && onError_)
        onError_(sink_->errorMessage());
    playing_ = false;
    clock_->schedulerEnded();
    if (!failed && finished && onFinished_)
        onFinished_();
}

} // namespace jazz::playback
