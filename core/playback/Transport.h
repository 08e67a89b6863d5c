// The transport service: owns the playback engine, the output device (FluidSynth with a chosen
// SoundFont, an RtMidi port by name, or a sink a test gives) and the MIDI input, for the studio
// and the command line alike. Devices open lazily, when play or record first needs them; a
// device that cannot open says why, and one that fails while in use is reported once. It
// reports the position and converts between clock time and beats for the current run, so that
// what comes in on the input lands on the beat it was played on.
//
// Threads: every call from one control thread (the GUI's, or the command's), except
// schedule() (any thread), and position()/beatAt()/timeAt()/isPlaying() (any thread).
#pragma once

#include "midi/Song.h"
#include "playback/Devices.h"
#include "playback/EngineClock.h"
#include "playback/MidiSource.h"
#include "playback/PlaybackEngine.h"

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace jazz::playback {

// Where the transport plays to.
struct Output {
    enum class Kind { FluidSynth, MidiPort, Sink };
    Kind kind = Kind::FluidSynth;
    FluidSynthSink::Options fluidSynth; // Kind::FluidSynth
    std::string port;                   // Kind::MidiPort: the first port whose name contains it
    MidiApi api = MidiApi::Default;     // Kind::MidiPort
    MidiSink* sink = nullptr;           // Kind::Sink: not owned, outlives the transport's use
    static Output fluid(const FluidSynthSink::Options& options = {});
    static Output midiPort(const std::string& name, MidiApi api = MidiApi::Default);
    static Output given(MidiSink* sink);
    bool operator==(const Output& o) const;
    std::string describe() const; // "FluidSynth", "MIDI port 'X'", "a test sink"
};

// Where the transport listens.
struct Input {
    enum class Kind { None, MidiPort, VirtualPort, Source };
    Kind kind = Kind::None;
    std::string port; // MidiPort: first port containing it; VirtualPort: our port's name
    MidiApi api = MidiApi::Default;
    MidiSource* source = nullptr; // Kind::Source: not owned (a FakeMidiSource in tests)
    static Input midiPort(const std::string& name, MidiApi api = MidiApi::Default);
    static Input virtualPort(const std::string& name, MidiApi api = MidiApi::Default);
    static Input given(MidiSource* source);
    bool operator==(const Input& o) const;
};

// A message from the input, placed on the beat of the current run it was played on.
struct BeatMessage {
    double beat = 0;
    StampedMessage message;
};

class Transport {
public:
    // `clock` (null: the steady clock) must outlive the transport; the engine schedules on it
    // and inputs opened here stamp on it.
    explicit Transport(const EngineClock* clock = nullptr);
    ~Transport();
    Transport(const Transport&) = delete;
    Transport& operator=(const Transport&) = delete;

    // ---- the output
    void setOutput(const Output& output); // a different one closes the open device
    const Output& output() const { return output_; }
    // Opens the output unless open; false with *error (one sentence) when it cannot.
    bool open(std::string* error);
    bool isOpen() const { return engine_ != nullptr; }
    void close(); // stops and closes the output (the next play opens it again)
    // Output port names; empty with *error when there is no MIDI system.
    static std::vector<std::string> outputPorts(MidiApi api, std::string* error);
    static std::vector<std::string> inputPorts(MidiApi api, std::string* error);

    // ---- playing
    // Loads `song` and plays it from `fromBeat`, opening the output first; false with *error
    // when it cannot be opened (nothing plays).
    bool play(const midi::Song& song, double fromBeat, std::string* error);
    // The same in two steps, to queue events before it starts: load (opening the output; false
    // with *error when it cannot), then start.
    bool load(const midi::Song& song, std::string* error);
    void start(double fromBeat);
    void stop();
    // Silences and returns where it stopped (the next play can go on from there).
    double pause();
    void panic();
    void setTempo(double bpm); // also while playing; kept for the next play
    double tempo() const { return tempo_; }
    void setLoop(double startBeat, double endBeat); // end <= start: no loop; kept across plays
    void clearLoop() { setLoop(0, 0); }
    void jump(double beat);
    void setChannelMix(int channel, int volume, bool muted);
    bool isPlaying() const;
    double position() const;
    double lengthBeats() const;
    const midi::Song& song() const { return song_; } // what play() loaded
    // Events for future beats of the playing song (any thread, while the transport lives: it
    // holds a mutex that open() and close() take too); see PlaybackEngine::schedule. False when
    // nothing is open or the queue was full (the rest is not queued).
    bool schedule(const std::vector<PlaybackEngine::Event>& events);
    // Notes (their note-ons and note-offs, beats from the song's start) for future beats.
    bool schedule(const std::vector<midi::SongNote>& notes);
    void extendTo(double beats);
    // Clock time <-> beat of the current run (see PlaybackEngine::beatAt).
    double beatAt(Clock::time_point t) const;
    Clock::time_point timeAt(double beat) const;
    const EngineClock& clock() const { return *clock_; }
    PlaybackEngine* engine() const { return engine_.get(); } // null until open

    // ---- the input
    void setInput(const Input& input); // a different one closes the open input
    bool openInput(std::string* error);
    bool isInputOpen() const { return source_ != nullptr; }
    void closeInput();
    // What arrived since the last call, each on its beat of the current run (oldest first).
    std::vector<BeatMessage> takeInput();
    MidiSource* source() const { return source_; }

    // ---- failures
    // Called once per failure with one sentence: the output failing while playing (on the
    // playback thread; the engine has stopped) or the input disappearing (on the thread that
    // calls poll()). After it, the failed device is closed by the next open/play/openInput.
    // Safe to replace or clear while the engine plays: it waits for a call in flight to return
    // (so a handler must not set the handler itself).
    void setErrorHandler(std::function<void(const std::string&)> handler);
    // Has the input failed (went away)? An error reported with the input failed is the input's.
    bool inputFailed() const { return source_ && source_->failed(); }
    // A few times a second while in use (never on a real-time thread): are the output port and
    // the input still there? A gone input is reported here; a gone output stops playback.
    void poll();

private:
    const EngineClock* clock_;
    Output output_;
    Input input_;
    std::unique_ptr<MidiSink> ownedSink_;
    MidiSink* sink_ = nullptr;
    std::unique_ptr<PlaybackEngine> engine_;
    std::unique_ptr<MidiSource> ownedSource_;
    MidiSource* source_ = nullptr;
    bool inputReported_ = false;
    midi::Song song_;
    double tempo_ = 120;
    double loopStart_ = 0, loopEnd_ = 0;
    // One producer at a time into the engine's queue, and the engine not replaced or destroyed
    // (open/close) while one queues.
    std::mutex scheduleMutex_;
    // The error handler, shared with the engine's: called and replaced under its mutex, so that
    // clearing it waits for a call in flight (the error path is not real-time).
    struct ErrorHandler {
        std::mutex mutex;
        std::function<void(const std::string&)> call;
        void operator()(const std::string& message);
    };
    std::shared_ptr<ErrorHandler> onError_;
};

} // namespace jazz::playback
