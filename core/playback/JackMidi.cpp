#include "playback/JackMidi.h"

#include "Error.h"

#include <jack/midiport.h>

#include <algorithm>
#include <cstring>
#include <mutex>

namespace jazz::playback {

namespace {

constexpr size_t kRingBytes = 1 << 16;
constexpr size_t kHeader = 1 + sizeof(jack_time_t); // a queued message's size and time

// The full names of the ports this process has open (JACK names them only once registered).
std::mutex ownMutex;
std::vector<std::string> ownPorts;

bool isOwn(const std::string& port) {
    std::lock_guard<std::mutex> lock(ownMutex);
    return std::find(ownPorts.begin(), ownPorts.end(), port) != ownPorts.end();
}

std::string noServer() {
    return "no MIDI system available (no JACK server running); play through FluidSynth instead";
}

} // namespace

std::unique_ptr<JackMidiPort> JackMidiPort::open(const std::string& clientName,
                                                 const std::string& portName, Direction direction,
                                                 Receiver receiver, void* user) {
    std::unique_ptr<JackMidiPort> p(new JackMidiPort);
    p->direction_ = direction;
    p->receiver_ = receiver;
    p->user_ = user;
    p->client_ = jack_client_open(clientName.c_str(), JackNoStartServer, nullptr);
    if (!p->client_)
        throw Error(noServer());
    p->port_ =
        jack_port_register(p->client_, portName.c_str(), JACK_DEFAULT_MIDI_TYPE,
                           direction == Direction::In ? JackPortIsInput : JackPortIsOutput, 0);
    if (!p->port_)
        throw Error("JACK could not make the MIDI port '" + portName + "'");
    {
        std::lock_guard<std::mutex> lock(ownMutex);
        ownPorts.push_back(jack_port_name(p->port_));
    }
    if (direction == Direction::Out) {
        p->ring_ = jack_ringbuffer_create(kRingBytes);
        if (!p->ring_)
            throw Error("JACK could not make a MIDI buffer");
        jack_ringbuffer_mlock(p->ring_);
    }
    jack_set_process_callback(p->client_, &JackMidiPort::process, p.get());
    if (jack_activate(p->client_) != 0)
        throw Error("JACK would not start the MIDI client '" + clientName + "'");
    return p;
}

std::vector<std::string> JackMidiPort::peers(Direction direction) {
    jack_client_t* c = jack_client_open("Jazz Studio ports", JackNoStartServer, nullptr);
    if (!c)
        throw Error(noServer());
    std::vector<std::string> names;
    // We send to ports that take input, and listen to ports that give output.
    if (const char** ports =
            jack_get_ports(c, nullptr, JACK_DEFAULT_MIDI_TYPE,
                           direction == Direction::Out ? JackPortIsInput : JackPortIsOutput)) {
        for (const char** q = ports; *q; ++q)
            names.emplace_back(*q);
        jack_free(ports);
    }
    jack_client_close(c);
    return names;
}

std::string JackMidiPort::find(Direction direction, const std::string& name) {
    for (const std::string& port : peers(direction))
        if (port == name || (port.find(name) != std::string::npos && !isOwn(port)))
            return port;
    return {};
}

JackMidiPort::~JackMidiPort() {
    if (port_) {
        std::lock_guard<std::mutex> lock(ownMutex);
        const auto it = std::find(ownPorts.begin(), ownPorts.end(), jack_port_name(port_));
        if (it != ownPorts.end())
            ownPorts.erase(it);
    }
    if (client_) {
        // No process callback runs after deactivate returns; only then does the port go.
        jack_deactivate(client_);
        jack_client_close(client_);
    }
    if (ring_)
        jack_ringbuffer_free(ring_);
}

bool JackMidiPort::connect(const std::string& other) {
    const char* ours = jack_port_name(port_);
    const int r = direction_ == Direction::Out ? jack_connect(client_, ours, other.c_str())
                                               : jack_connect(client_, other.c_str(), ours);
    return r == 0 || r == EEXIST;
}

bool JackMidiPort::write(const uint8_t* bytes, size_t size) {
    if (!ring_ || size == 0 || size > 255)
        return false;
    if (jack_ringbuffer_write_space(ring_) < size + kHeader)
        return false;
    // Each message: its size, when it was written (JACK's clock, microseconds), its bytes.
    char header[kHeader];
    header[0] = char(uint8_t(size));
    const jack_time_t at = jack_get_time();
    std::memcpy(header + 1, &at, sizeof at);
    jack_ringbuffer_write(ring_, header, kHeader);
    jack_ringbuffer_write(ring_, reinterpret_cast<const char*>(bytes), size);
    return true;
}

std::string JackMidiPort::name() const {
    return jack_port_name(port_);
}

bool JackMidiPort::exists(const std::string& other) const {
    return jack_port_by_name(client_, other.c_str()) != nullptr;
}

bool JackMidiPort::connectedTo(const std::string& other) const {
    return jack_port_connected_to(port_, other.c_str()) != 0;
}

int JackMidiPort::process(jack_nframes_t frames, void* arg) {
    auto* self = static_cast<JackMidiPort*>(arg);
    void* buffer = jack_port_get_buffer(self->port_, frames);
    // This period's first frame, and the previous one's: a message of this period at frame f
    // came (or was written) a period earlier, at the previous period's start plus f.
    const jack_nframes_t first = jack_last_frame_time(self->client_);
    const jack_nframes_t before = first - frames;
    if (self->direction_ == Direction::In) {
        const jack_time_t now = jack_get_time();
        const uint32_t n = jack_midi_get_event_count(buffer);
        for (uint32_t i = 0; i < n; ++i) {
            jack_midi_event_t e;
            if (jack_midi_event_get(&e, buffer, i) != 0 || !self->receiver_)
                continue;
            const jack_time_t at = jack_frames_to_time(self->client_, before + e.time);
            self->receiver_(self->user_, e.buffer, e.size, (int64_t(now) - int64_t(at)) * 1000);
        }
        return 0;
    }
    jack_midi_clear_buffer(buffer);
    char header[kHeader];
    jack_nframes_t last = 0; // events of a period go in frame order
    while (jack_ringbuffer_read_space(self->ring_) >= kHeader) {
        jack_ringbuffer_peek(self->ring_, header, kHeader);
        const size_t size = uint8_t(header[0]);
        if (jack_ringbuffer_read_space(self->ring_) < size + kHeader)
            break; // its bytes are still being written
        jack_time_t at = 0;
        std::memcpy(&at, header + 1, sizeof at);
        const int64_t frame = int64_t(jack_time_to_frames(self->client_, at)) - int64_t(before);
        const jack_nframes_t f =
            jack_nframes_t(std::clamp<int64_t>(frame, int64_t(last), int64_t(frames) - 1));
        jack_midi_data_t* out = jack_midi_event_reserve(buffer, f, size);
        if (!out)
            break; // the period's buffer is full: the rest goes out in the next one
        last = f;
        jack_ringbuffer_read_advance(self->ring_, kHeader);
        jack_ringbuffer_read(self->ring_, reinterpret_cast<char*>(out), size);
    }
    return 0;
}

PeerState jackPeerState(const JackMidiPort* own, jack_client_t*& monitor, const std::string& port,
                        const char* ourClient, const char* ourPortPart) {
    if (own) {
        if (!own->exists(port))
            return PeerState::Gone;
        return own->connectedTo(port) ? PeerState::Connected : PeerState::Disconnected;
    }
    if (!monitor)
        monitor = jack_client_open("Jazz Studio monitor", JackNoStartServer, nullptr);
    if (!monitor)
        return PeerState::Unknown;
    jack_port_t* peer = jack_port_by_name(monitor, port.c_str());
    if (!peer)
        return PeerState::Gone;
    bool connected = false;
    if (const char** peers = jack_port_get_all_connections(monitor, peer)) {
        for (const char** p = peers; *p && !connected; ++p)
            connected = std::strncmp(*p, ourClient, std::strlen(ourClient)) == 0 &&
                        std::strstr(*p, ourPortPart) != nullptr;
        jack_free(peers);
    }
    return connected ? PeerState::Connected : PeerState::Disconnected;
}

} // namespace jazz::playback
