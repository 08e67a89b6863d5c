// Where live MIDI comes in: an RtMidi input port (ALSA or JACK, opened by name or as a virtual
// port), or a fake that tests push messages into. Each message is stamped on arrival with the
// transport's clock; the callback only copies the bytes and the stamp into a preallocated
// lock-free ring, and a non-real-time consumer take()s them (the Transport maps stamps to beats).
#pragma once

#include "playback/Devices.h"
#include "playback/EngineClock.h"
#include "playback/SpscRing.h"

#include <array>
#include <atomic>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

namespace jazz::playback {

struct StampedMessage {
    Clock::time_point at;           // on the source's clock, when it arrived
    std::array<uint8_t, 3> bytes{}; // a short message; longer ones (SysEx) are not kept
    uint8_t size = 0;
    bool isNoteOn() const { return size == 3 && (bytes[0] & 0xF0) == 0x90 && bytes[2] > 0; }
    bool isNoteOff() const {
        return size == 3 &&
               ((bytes[0] & 0xF0) == 0x80 || ((bytes[0] & 0xF0) == 0x90 && bytes[2] == 0));
    }
};

class MidiSource {
public:
    virtual ~MidiSource() = default;
    MidiSource(const MidiSource&) = delete;
    MidiSource& operator=(const MidiSource&) = delete;

    // What arrived since the last call, oldest first. One consumer thread at a time; never the
    // device's own thread.
    std::vector<StampedMessage> take();
    // Messages lost because nobody took them in time (the ring was full).
    size_t dropped() const { return dropped_.load(); }
    // Looks whether the port is still there (like MidiSink::checkConnection), and fails if not.
    // Not on a real-time thread: it may allocate and ask the MIDI system.
    virtual void checkConnection() {}
    // Set once when the input went away; the message says which and why.
    bool failed() const { return failed_.load(std::memory_order_acquire); }
    std::string errorMessage() const;
    const EngineClock& clock() const { return *clock_; }

protected:
    // `clock` (null: the steady clock) stamps each message; it must outlive the source.
    MidiSource(size_t capacity, const EngineClock* clock);
    // Producer side (one thread): copies, stamps, returns. Never blocks or allocates.
    void received(const uint8_t* bytes, size_t size, Clock::time_point at);
    void fail(const char* message);

private:
    const EngineClock* clock_;
    SpscRing<StampedMessage> ring_;
    std::atomic<size_t> dropped_{0};
    std::atomic<bool> failed_{false};
    std::array<char, 256> message_{};
};

class RtMidiSource : public MidiSource {
public:
    // Input port names; throws jazz::Error when the MIDI system cannot be reached.
    static std::vector<std::string> inputPorts(MidiApi api = MidiApi::Default);
    // Listens to the first port whose name contains `name` (through a port of ours named
    // "Jazz Studio input:in"). Throws jazz::Error naming the port when it is not there.
    static std::unique_ptr<RtMidiSource> openPort(const std::string& name,
                                                  MidiApi api = MidiApi::Default,
                                                  size_t capacity = 4096,
                                                  const EngineClock* clock = nullptr);
    // A port other programs send to ("Jazz Studio input:NAME").
    static std::unique_ptr<RtMidiSource> openVirtual(const std::string& name,
                                                     MidiApi api = MidiApi::Default,
                                                     size_t capacity = 4096,
                                                     const EngineClock* clock = nullptr);
    ~RtMidiSource() override;
    // A port opened by name fails once it is gone (device unplugged, program closed) or, on
    // JACK, no longer connected to ours.
    void checkConnection() override;
    std::string portName() const; // the full name of the port listened to; empty if virtual

private:
    RtMidiSource(size_t capacity, const EngineClock* clock);
    static std::unique_ptr<RtMidiSource> open(const std::string* name,
                                              const std::string& virtualName, MidiApi api,
                                              size_t capacity, const EngineClock* clock);
    struct Impl;
    std::unique_ptr<Impl> d_;
};

// A source that tests play into: push() a message with its stamp, disappear() like a pulled port.
class FakeMidiSource : public MidiSource {
public:
    explicit FakeMidiSource(const EngineClock* clock = nullptr, size_t capacity = 4096)
        : MidiSource(capacity, clock) {}
    void push(std::initializer_list<uint8_t> bytes, Clock::time_point at);
    void push(std::initializer_list<uint8_t> bytes); // stamped with the clock's now
    void disappear(const std::string& message) { fail(message.c_str()); }
};

} // namespace jazz::playback
