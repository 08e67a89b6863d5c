// Plays a song live: a scheduler thread on a clock (the steady clock, or a test's manual one)
// turns its notes into timed MIDI messages for a sink. Play from a position, stop, pause, loop a
// range, change tempo while playing, jump. Stop and panic silence everything (note-offs for
// sounding notes, then all-notes-off and sustain-off on every channel). Program changes and
// volumes go out first, so a hardware synth plays the right instruments. While it plays, more
// events can be queued for future beats (a band's next chorus, a model's answer in a trade).
//
// The scheduler thread never allocates, logs or waits on a lock held across I/O: controls reach
// it through atomics, queued events through a preallocated lock-free ring, and the playhead
// comes back through an atomic.
#pragma once

#include "midi/Song.h"
#include "playback/EngineClock.h"
#include "playback/MidiSink.h"
#include "playback/PendingQueue.h"
#include "playback/SpscRing.h"

#include <atomic>
#include <functional>
#include <thread>
#include <vector>

namespace jazz::playback {

class PlaybackEngine {
public:
    // `clock` (not owned; null: the steady clock) must outlive the engine.
    explicit PlaybackEngine(MidiSink* sink, const EngineClock* clock = nullptr);
    ~PlaybackEngine();
    PlaybackEngine(const PlaybackEngine&) = delete;
    PlaybackEngine& operator=(const PlaybackEngine&) = delete;

    // The messages a song plays, with their beats (exposed for tests and benchmarks).
    struct Event {
        double beat;
        uint8_t bytes[3];
        uint8_t size;
    };

    // Replaces the song (stopping first, and dropping queued events). Tempo starts at the song's.
    void load(const midi::Song& song);
    void play(double fromBeat = 0);
    void stop(); // silence; the position stays where it was
    void pause() { stop(); }
    void panic(); // stop, and silence every channel even if nothing is known to sound
    void setTempo(double bpm);
    double tempo() const { return bpm_.load(); }
    void setLoop(double startBeat, double endBeat); // end <= start: no loop
    void clearLoop() { setLoop(0, 0); }
    void jump(double beat); // while playing: continue from there

    // Queues one message for `beat` of the song, from one producer thread at a time (the
    // Transport serializes its callers), before or while playing. The scheduler merges queued
    // messages with the song's in beat order (at one beat: note-offs first, then the song's
    // messages before queued ones). A message whose beat has already passed when the scheduler
    // takes it is sent at once: late is better than lost, and a note-off must never be lost.
    // Queued messages play once (a loop does not repeat them); a jump, or play() from a later
    // beat, drops those before it (they belonged to a passage not played). False when the queue is
    // full (kQueueCapacity messages waiting to be taken, or kPendingCapacity taken and not yet
    // due).
    bool schedule(const Event& event);
    static constexpr size_t kQueueCapacity = 8192;
    static constexpr size_t kPendingCapacity = 16384;
    size_t droppedQueued() const { return queueDropped_.load(); }
    // Makes the song at least `beats` long, also while playing: the engine keeps time until
    // then even where no events are left (a trade's last answer is queued while it plays).
    void extendTo(double beats);

    bool isPlaying() const { return playing_.load(); }
    double position() const { return position_.load(std::memory_order_relaxed); }
    double lengthBeats() const { return length_.load(); }
    // When the current run's beat 0 was (or would have been) due, for measuring lateness.
    Clock::time_point startedAt() const;
    // Clock time and beat of the current run (exact from its latest start, tempo change, jump
    // or loop wrap on; before play(), from the engine's position at its tempo, now).
    double beatAt(Clock::time_point t) const;
    Clock::time_point timeAt(double beat) const;
    const EngineClock& clock() const { return *clock_; }
    // The live mixer, per MIDI channel: volume (controller 7) and mute. Callable from any
    // thread; while playing it takes effect at the next bar line (muting ends the channel's
    // sounding notes there), otherwise when play starts. load() resets every channel to its
    // track's volume, unmuted.
    void setChannelMix(int channel, int volume, bool muted);
    bool channelMuted(int channel) const; // as last set (applied or pending)

    // Called once, on the playback thread, when the sink fails: the engine has stopped sending,
    // and isPlaying() turns false only after the handler returned (so whoever sees it stopped
    // also sees the failure, never a clean end).
    void setErrorHandler(std::function<void(const std::string&)> handler);
    // Called on the playback thread when playback reaches the end (not on stop()).
    void setFinishedHandler(std::function<void()> handler);

    const std::vector<Event>& events() const { return events_; }
    // The grid the song's notes are placed on (midi::noteEvents), in ticks per beat.
    static constexpr double kTicksPerBeat = 1 << 20;

private:
    void run(double fromBeat, Clock::time_point startAt);
    void silence(bool allChannels);
    void send(const uint8_t* b, size_t n);
    void applyMix();                    // the pending channel mix, on the playback thread
    bool dropped(const Event& e) const; // a note of a muted channel
    void takeQueued();                  // the ring into pending_, on the playback thread
    void publishRun(int64_t beatZeroNs, double bpm);

    MidiSink* sink_;
    const EngineClock* clock_;
    std::vector<Event> events_;
    std::vector<Event> setup_; // program changes and volumes
    std::atomic<double> length_{0};
    double barBeats_ = 4;
    std::thread thread_;
    std::atomic<bool> playing_{false};
    std::atomic<bool> stopRequested_{false};
    std::atomic<double> bpm_{120};
    std::atomic<double> loopStart_{0}, loopEnd_{0};
    std::atomic<double> jumpTo_{-1};
    std::atomic<double> position_{0};
    // The current run's mapping of clock to beats (a sequence lock: the scheduler writes).
    std::atomic<uint64_t> runSeq_{0};
    std::atomic<int64_t> startedAtNs_{0};
    std::atomic<double> runBpm_{120};
    std::atomic<bool> running_{false}; // a run's mapping is published
    std::function<void(const std::string&)> onError_;
    std::function<void()> onFinished_;
    // Queued events: the ring (producer: schedule()), then, on the playback thread, pending_ in
    // play order (allocated up front; an append in time order is O(1)).
    struct PlaysBefore {
        bool operator()(const Event& a, const Event& b) const;
    };
    SpscRing<Event> queue_{kQueueCapacity};
    PendingQueue<Event, PlaysBefore> pending_{kPendingCapacity};
    std::atomic<size_t> queueDropped_{0};
    // The mixer as asked for (any thread) and as applied (playback thread only).
    std::atomic<int> wantVolume_[16];
    std::atomic<bool> wantMute_[16];
    std::atomic<bool> mixPending_{false};
    uint8_t loadedVolume_[16] = {}; // what the setup messages send
    uint8_t volume_[16] = {};
    bool muted_[16] = {};
    // Sounding notes per channel and key, so that stop can end exactly those.
    std::atomic<uint8_t> sounding_[16][128] = {};
};

} // namespace jazz::playback
