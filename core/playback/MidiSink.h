// Where the playback engine sends MIDI: one small interface with a FluidSynth sink (live
// audio), an RtMidi sink (hardware or other programs) and a recording sink (tests).
// send() is called on the playback thread: implementations must not block on I/O locks held
// elsewhere, allocate, or log there.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace jazz::playback {

using Clock = std::chrono::steady_clock;
class EngineClock;

class MidiSink {
public:
    virtual ~MidiSink() = default;
    // One complete short message (1 to 3 bytes).
    virtual void send(const uint8_t* bytes, size_t size) = 0;
    // Looks whether the device is still there (a port still present and connected), and
    // fail()s if not. Never called on the playback thread: it may allocate and ask the MIDI
    // system; the studio calls it a few times a second while playing.
    virtual void checkConnection() {}
    // Set (from any thread) when the device failed during playback, e.g. a port unplugged;
    // the engine then stops and reports errorMessage() once.
    bool failed() const { return failed_.load(std::memory_order_acquire); }
    std::string errorMessage() const;

protected:
    void fail(const char* message); // callable from a device thread
private:
    std::atomic<bool> failed_{false};
    std::array<char, 256> message_{};
};

// Records every message with the time it was sent (on `clock`, null: the steady clock). Capacity is
// reserved up front so that the playback thread never allocates; messages past it are counted, not
// stored.
class RecordingSink : public MidiSink {
public:
    struct Entry {
        Clock::time_point at;
        std::array<uint8_t, 3> bytes;
        uint8_t size;
    };
    explicit RecordingSink(size_t capacity = 1 << 16, const EngineClock* clock = nullptr);
    void send(const uint8_t* bytes, size_t size) override;
    // Safe to call while playing: returns the entries recorded so far.
    std::vector<Entry> entries() const;
    size_t dropped() const { return dropped_.load(); }
    void clear();

private:
    std::vector<Entry> entries_;
    const EngineClock* clock_;
    std::atomic<size_t> count_{0};
    std::atomic<size_t> dropped_{0};
};

} // namespace jazz::playback
