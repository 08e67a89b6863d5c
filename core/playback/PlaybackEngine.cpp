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

int64_t nowNs() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
        .count();
}

// The last 6 ms before an event are spent spinning. Measured here (a 2-core VM): a sleeping
// thread wakes up to several milliseconds late about once in a hundred, and events must leave
// within 1 ms of their due time; with 1.5 ms of spinning the scheduler's own p99 was 1.7-6 ms,
// with 6 ms it is 0.1-0.3 ms. The price is up to a tenth of one core during dense passages.
constexpr int64_t kSpinNs = 6'000'000;
constexpr int64_t kSliceNs = 2'000'000; // controls are looked at every 2 ms while waiting

} // namespace

PlaybackEngine::PlaybackEngine(MidiSink* sink) : sink_(sink) {
    for (int ch = 0; ch < 16; ++ch) {
        wantVolume_[ch] = 100;
        wantMute_[ch] = false;
    }
}

PlaybackEngine::~PlaybackEngine() { stop(); }

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
        for (const auto& n : t.notes) {
            const uint8_t c = uint8_t(n.channel & 0x0F), key = uint8_t(std::clamp(n.pitch, 0, 127));
            const uint8_t vel = uint8_t(std::clamp(n.velocity, 1, 127));
            events_.push_back({n.start, {uint8_t(0x90 | c), key, vel}, 3});
            events_.push_back({n.start + std::max(n.duration, 1e-3), {uint8_t(0x80 | c), key, 0}, 3});
            length_ = std::max(length_, n.start + n.duration);
        }
    }
    // Offs before ons at one beat: a repeated note re-strikes instead of being cut.
    std::stable_sort(events_.begin(), events_.end(), [](const Event& a, const Event& b) {
        if (a.beat != b.beat)
            return a.beat < b.beat;
        return (a.bytes[0] & 0xF0) == 0x80 && (b.bytes[0] & 0xF0) != 0x80;
    });
    bpm_ = song.bpm > 0 ? song.bpm : 120;
    position_ = 0;
}

void PlaybackEngine::play(double fromBeat) {
    stop();
    stopRequested_ = false;
    jumpTo_ = -1;
    playing_ = true;
    thread_ = std::thread(&PlaybackEngine::run, this, std::max(0.0, fromBeat));
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

void PlaybackEngine::setTempo(double bpm) { bpm_ = std::clamp(bpm, 10.0, 1000.0); }

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

Clock::time_point PlaybackEngine::startedAt() const {
    return Clock::time_point(std::chrono::nanoseconds(startedAtNs_.load()));
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
    else if (kind == 0x80 && n == 3 && sounding_[ch][b[1] & 0x7F].load(std::memory_order_relaxed) > 0)
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

void PlaybackEngine::run(double fromBeat) {
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
    int64_t anchorNs = nowNs();
    auto nsPerBeat = [&] { return 60e9 / bpm; };
    auto dueNs = [&](double beat) { return anchorNs + int64_t((beat - anchorBeat) * nsPerBeat()); };
    auto beatAt = [&](int64_t t) { return anchorBeat + double(t - anchorNs) / nsPerBeat(); };
    auto publishStart = [&] { startedAtNs_ = anchorNs - int64_t(anchorBeat * nsPerBeat()); };
    auto firstAtOrAfter = [&](double beat) {
        return size_t(std::lower_bound(events_.begin(), events_.end(), beat,
                                       [](const Event& e, double b) { return e.beat < b; }) -
                      events_.begin());
    };
    publishStart();
    size_t idx = firstAtOrAfter(fromBeat);
    bool finished = false;
    while (!stopRequested_.load(std::memory_order_relaxed)) {
        // Controls: a jump, a tempo change.
        if (const double j = jumpTo_.exchange(-1); j >= 0) {
            silence(false);
            anchorBeat = j;
            anchorNs = nowNs();
            idx = firstAtOrAfter(j);
            publishStart();
        }
        if (const double b = bpm_.load(std::memory_order_relaxed); b != bpm) {
            const int64_t t = nowNs();
            anchorBeat = beatAt(t);
            anchorNs = t;
            bpm = b;
            publishStart();
        }
        const double loopStart = loopStart_.load(), loopEnd = loopEnd_.load();
        const bool looping = loopEnd > loopStart && anchorBeat < loopEnd;
        double nextBeat;
        bool wrap = false;
        if (looping && (idx >= events_.size() || events_[idx].beat >= loopEnd)) {
            nextBeat = loopEnd;
            wrap = true;
        } else if (idx >= events_.size()) {
            finished = true;
            break;
        } else {
            nextBeat = events_[idx].beat;
        }
        // Wait in slices (controls stay live), then spin for the last fraction of a millisecond.
        const int64_t due = dueNs(nextBeat);
        int64_t now = nowNs();
        if (due - now > kSpinNs) {
            std::this_thread::sleep_for(
                std::chrono::nanoseconds(std::min(due - now - kSpinNs, kSliceNs)));
            position_.store(beatAt(nowNs()), std::memory_order_relaxed);
            continue; // re-check controls, then the same event
        }
        while ((now = nowNs()) < due) {
        }
        if (mixPending_.load(std::memory_order_acquire) && mixAt < 0)
            mixAt = (std::floor(beatAt(now) / barBeats_ + 1e-9) + 1) * barBeats_;
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
        // Everything due now goes out together.
        while (idx < events_.size() && events_[idx].beat <= nextBeat) {
            if (!dropped(events_[idx]))
                send(events_[idx].bytes, events_[idx].size);
            ++idx;
        }
        position_.store(nextBeat, std::memory_order_relaxed);
        if (sink_->failed())
            break;
    }
    silence(!finished);
    if (finished)
        position_.store(length_, std::memory_order_relaxed);
    playing_ = false;
    if (sink_->failed()) {
        if (onError_)
            onError_(sink_->errorMessage());
    } else if (finished && onFinished_) {
        onFinished_();
    }
}

} // namespace jazz::playback
