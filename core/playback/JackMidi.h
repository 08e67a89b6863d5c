// A JACK MIDI port of our own, in or out, for the JACK side of RtMidiSink and RtMidiSource.
// RtMidi's JACK backend unregisters its port while its client is still active, so its process
// callback can run on a port that is gone: the rare crash inside libjack when a port closed
// during playback (pulledPortStopsPlaybackWithAMessage, about 1 run in 6). Here the client is
// deactivated first (jack_deactivate returns once no callback runs), then closed.
#pragma once

#include <jack/jack.h>
#include <jack/ringbuffer.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace jazz::playback {

class JackMidiPort {
public:
    enum class Direction { In, Out };
    // Called on JACK's process thread for every incoming message: copy and return. `agoNs`:
    // how long before now it was played, from its frame in the period (JACK delivers a period's
    // messages together, a period after they came: stamping them "now" would blur them by a
    // period, 5-21 ms).
    using Receiver = void (*)(void* user, const uint8_t* bytes, size_t size, int64_t agoNs);

    // A client `clientName` (JACK may add "-01") with one MIDI port `portName`, active. Throws
    // jazz::Error when there is no JACK server or the port cannot be made.
    static std::unique_ptr<JackMidiPort> open(const std::string& clientName,
                                              const std::string& portName, Direction direction,
                                              Receiver receiver = nullptr, void* user = nullptr);
    // MIDI ports of other clients we can send to (Out) or listen to (In), by full name.
    // Throws jazz::Error when there is no JACK server.
    static std::vector<std::string> peers(Direction direction);
    // The first of peers() whose full name contains `name`; empty if none. This process's own
    // ports (ours: "Jazz Studio input:in", "Jazz Studio:out") match only by their full name, so
    // that "--output in" never feeds the band back into our own input.
    static std::string find(Direction direction, const std::string& name);
    ~JackMidiPort();
    JackMidiPort(const JackMidiPort&) = delete;
    JackMidiPort& operator=(const JackMidiPort&) = delete;

    // Connects our port with `other` (a full port name), in the port's direction.
    bool connect(const std::string& other);
    // Out only, from one thread at a time (the playback thread): lock-free, never allocates.
    // False when the ring is full (the message is dropped). The message goes out in the next
    // period at the frame matching when it was written (a constant latency of one period, not
    // a jitter of up to one).
    bool write(const uint8_t* bytes, size_t size);
    std::string name() const; // our port's full name
    // Is `other` (a full name) still there, and connected to our port?
    bool exists(const std::string& other) const;
    bool connectedTo(const std::string& other) const;

private:
    JackMidiPort() = default;
    static int process(jack_nframes_t frames, void* self);
    jack_client_t* client_ = nullptr;
    jack_port_t* port_ = nullptr;
    Direction direction_ = Direction::Out;
    jack_ringbuffer_t* ring_ = nullptr;
    Receiver receiver_ = nullptr;
    void* user_ = nullptr;
};

// How another program's port stands for one of our connections (a sink's or a source's
// checkConnection): gone, no longer connected to us, connected, or unknown (no server to ask).
enum class PeerState { Connected, Disconnected, Gone, Unknown };
// Through our own port when we have one; else (RtMidi's JACK backend) through `monitor`, a
// port-less client opened on first use and closed by the caller, looking for a connection to a
// port of a client whose name starts with `ourClient` and holds `ourPortPart`.
PeerState jackPeerState(const JackMidiPort* own, jack_client_t*& monitor, const std::string& port,
                        const char* ourClient, const char* ourPortPart);

} // namespace jazz::playback
