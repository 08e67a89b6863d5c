// Plays a song live: a scheduler thread on a steady clock turns its notes into timed MIDI
// messages for a sink. Play from a position, stop, pause, loop a range, change tempo while
// playing, jump. Stop and panic silence everything (note-offs for sounding notes, then
// all-notes-off and sustain-off on every channel). Program changes and volumes go out first,
// so a hardware synth plays the right instruments.
//
// The scheduler thread never allocates, logs or waits on a lock held across I/O: controls reach
// it through atomics, and the playhead comes back through one.
#pragma once

#include "midi/Song.h"
#include "playback/MidiSink.h"

#include <atomic>
#include <functional>
#include <thread>
#include <vector>

namespace jazz::playback {

class PlaybackEngine {
public:
    explicit PlaybackEngine(MidiSink* sink);
    ~PlaybackEngine();
    PlaybackEngine(const PlaybackEngine&) = delete;
    PlaybackEngine& operator=(const PlaybackEngine&) = delete;

    // Replaces the song (stopping first). Tempo starts at the song's.
    void load(const midi::Song& song);
    void play(double fromBeat = 0);
    void stop();  // silence; the position stays where it was
    void pause() { stop(); }
    void panic(); // stop, and silence every channel even if nothing is known to sound
    void setTempo(double bpm);
    double tempo() const { return bpm_.load(); }
    void setLoop(double startBeat, double endBeat); // end <= start: no loop
    void clearLoop() { setLoop(0, 0); }
    void jump(double beat); // while playing: continue from there

    bool isPlaying() const { return playing_.load(); }
    double position() const { return position_.load(std::memory_order_relaxed); }
    double lengthBeats() const { return length_; }
    // When the current run's beat 0 was (or would have been) due, for measuring lateness.
    Clock::time_point startedAt() const;
    // The live mixer, per MIDI channel: volume (controller 7) and mute. Callable from any
    // thread; while playing it takes effect at the next bar line (muting ends the channel's
    // sounding notes there), otherwise when play starts. load() resets every channel to its
    // track's volume, unmuted.
    void setChannelMix(int channel, int volume, bool muted);
    bool channelMuted(int channel) const; // as last set (applied or pending)

    // Called once, on the playback thread, when the sink fails; the engine has stopped.
    void setErrorHandler(std::function<void(const std::string&)> handler);
    // Called on the playback thread when playback reaches the end (not on stop()).
    void setFinishedHandler(std::function<void()> handler);

    // The messages a song plays, in order, with their beats (exposed for tests and benchmarks).
    struct Event {
        double beat;
        uint8_t bytes[3];
        uint8_t size;
    };
    const std::vector<Event>& events() const { return events_; }

private:
    void run(double fromBeat);
    void silence(bool allChannels);
    void send(const uint8_t* b, size_t n);
    void applyMix();                    // the pending channel mix, on the playback thread
    bool dropped(const Event& e) const; // a note of a muted channel

    MidiSink* sink_;
    std::vector<Event> events_;
    std::vector<Event> setup_; // program changes and volumes
    double length_ = 0;
    double barBeats_ = 4;
    std::thread thread_;
    std::atomic<bool> playing_{false};
    std::atomic<bool> stopRequested_{false};
    std::atomic<double> bpm_{120};
    std::atomic<double> loopStart_{0}, loopEnd_{0};
    std::atomic<double> jumpTo_{-1};
    std::atomic<double> position_{0};
    std::atomic<int64_t> startedAtNs_{0};
    std::function<void(const std::string&)> onError_;
    std::function<void()> onFinished_;
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
