#include "playback/MidiSource.h"

#include "Error.h"
#include "playback/JackMidi.h"

#include <RtMidi.h>
#include <jack/jack.h>

#include <cstring>

namespace jazz::playback {

MidiSource::MidiSource(size_t capacity, const EngineClock* clock)
    : clock_(clock ? clock : &EngineClock::steady()), ring_(capacity) {}

void MidiSource::received(const uint8_t* bytes, size_t size, Clock::time_point at) {
    if (!bytes || size == 0 || size > 3)
        return;
    StampedMessage m;
    m.at = at;
    m.size = uint8_t(size);
    std::memcpy(m.bytes.data(), bytes, size);
    if (!ring_.push(m))
        dropped_.fetch_add(1, std::memory_order_relaxed);
}

std::vector<StampedMessage> MidiSource::take() {
    std::vector<StampedMessage> out;
    StampedMessage m;
    while (ring_.pop(m))
        out.push_back(m);
    return out;
}

std::string MidiSource::errorMessage() const {
    return failed() ? std::string(message_.data()) : std::string();
}

void MidiSource::fail(const char* message) {
    if (failed_.load(std::memory_order_acquire))
        return;
    std::strncpy(message_.data(), message, message_.size() - 1);
    failed_.store(true, std::memory_order_release);
}

void FakeMidiSource::push(std::initializer_list<uint8_t> bytes, Clock::time_point at) {
    received(bytes.begin(), bytes.size(), at);
}

void FakeMidiSource::push(std::initializer_list<uint8_t> bytes) {
    push(bytes, clock().now());
}

// ---- RtMidi ------------------------------------------------------------------------------

namespace {

RtMidi::Api toRt(MidiApi api) {
    switch (api) {
    case MidiApi::Alsa:
        return RtMidi::LINUX_ALSA;
    case MidiApi::Jack:
        return RtMidi::UNIX_JACK;
    default:
        return RtMidi::UNSPECIFIED;
    }
}

// Our input's client name: "Jazz Studio input" (JACK adds "-01" when several run).
constexpr const char* kClient = "Jazz Studio input";

} // namespace

struct RtMidiSource::Impl {
    std::unique_ptr<RtMidiIn> in;
    std::unique_ptr<JackMidiPort> jack; // MidiApi::Jack: our own port (see JackMidi.h)
    std::string port;                   // the source's full name; empty for a virtual port
    RtMidi::Api api = RtMidi::UNSPECIFIED;
    jack_client_t* monitor = nullptr; // JACK: a port-less client that looks at connections
    std::unique_ptr<RtMidiIn> probe;  // other APIs: lists the ports (opened once)
    ~Impl() {
        if (in) {
            in->cancelCallback();
            in->closePort();
        }
        in.reset();
        if (monitor)
            jack_client_close(monitor);
    }
};

RtMidiSource::RtMidiSource(size_t capacity, const EngineClock* clock)
    : MidiSource(capacity, clock) {}

RtMidiSource::~RtMidiSource() = default;

std::vector<std::string> RtMidiSource::inputPorts(MidiApi api) {
    if (api == MidiApi::Jack)
        return JackMidiPort::peers(JackMidiPort::Direction::In);
    try {
        RtMidiIn in(toRt(api), "Jazz Studio");
        std::vector<std::string> names;
        for (unsigned i = 0; i < in.getPortCount(); ++i)
            names.push_back(in.getPortName(i));
        return names;
    } catch (const RtMidiError& e) {
        throw Error("no MIDI system available (" + e.getMessage() + ")");
    }
}

std::unique_ptr<RtMidiSource> RtMidiSource::open(const std::string* name,
                                                 const std::string& virtualName, MidiApi api,
                                                 size_t capacity, const EngineClock* clock) {
    std::unique_ptr<RtMidiSource> s(new RtMidiSource(capacity, clock));
    s->d_ = std::make_unique<Impl>();
    Impl& d = *s->d_;
    if (api == MidiApi::Jack) {
        const JackMidiPort::Receiver receive = [](void* user, const uint8_t* bytes, size_t size,
                                                  int64_t agoNs) {
            // JACK's process thread: stamp (when it was played, from its frame), copy, return.
            auto* self = static_cast<RtMidiSource*>(user);
            self->received(bytes, size,
                           self->clock().now() - std::chrono::duration_cast<Clock::duration>(
                                                     std::chrono::nanoseconds(agoNs)));
        };
        if (!name) {
            d.jack = JackMidiPort::open(kClient, virtualName, JackMidiPort::Direction::In, receive,
                                        s.get());
            return s;
        }
        if (const std::string port = JackMidiPort::find(JackMidiPort::Direction::In, *name);
            !port.empty()) {
            d.jack =
                JackMidiPort::open(kClient, "in", JackMidiPort::Direction::In, receive, s.get());
            if (!d.jack->connect(port))
                throw Error("JACK would not connect to MIDI input port '" + port + "'");
            d.port = port;
            d.api = RtMidi::UNIX_JACK;
            return s;
        }
        throw Error("MIDI input port '" + *name + "' not found");
    }
    try {
        d.in = std::make_unique<RtMidiIn>(toRt(api), kClient, 4096);
        d.api = d.in->getCurrentApi();
        d.in->setCallback(
            [](double, std::vector<unsigned char>* msg, void* user) {
                // RtMidi's thread: stamp, copy, return.
                auto* self = static_cast<RtMidiSource*>(user);
                self->received(msg->data(), msg->size(), self->clock().now());
            },
            s.get());
        if (!name) {
            d.in->openVirtualPort(virtualName);
            return s;
        }
        for (unsigned i = 0; i < d.in->getPortCount(); ++i)
            if (d.in->getPortName(i).find(*name) != std::string::npos) {
                d.port = d.in->getPortName(i);
                d.in->openPort(i, "in");
                return s;
            }
    } catch (const RtMidiError& e) {
        throw Error("no MIDI system available (" + e.getMessage() + ")");
    }
    throw Error("MIDI input port '" + *name + "' not found");
}

std::unique_ptr<RtMidiSource> RtMidiSource::openPort(const std::string& name, MidiApi api,
                                                     size_t capacity, const EngineClock* clock) {
    return open(&name, {}, api, capacity, clock);
}

std::unique_ptr<RtMidiSource> RtMidiSource::openVirtual(const std::string& name, MidiApi api,
                                                        size_t capacity, const EngineClock* clock) {
    return open(nullptr, name, api, capacity, clock);
}

std::string RtMidiSource::portName() const {
    return d_->port;
}

void RtMidiSource::checkConnection() {
    if (failed() || d_->port.empty())
        return;
    const std::string gone =
        "MIDI input '" + d_->port + "' is gone (device unplugged or program closed)";
    if (d_->jack || d_->api == RtMidi::UNIX_JACK) {
        switch (jackPeerState(d_->jack.get(), d_->monitor, d_->port, kClient, ":in")) {
        case PeerState::Gone:
            fail(gone.c_str());
            break;
        case PeerState::Disconnected:
            fail(("MIDI input '" + d_->port + "' was disconnected").c_str());
            break;
        default: // connected, or cannot tell: keep listening
            break;
        }
        return;
    }
    try {
        if (!d_->probe)
            d_->probe = std::make_unique<RtMidiIn>(d_->api, "Jazz Studio probe");
        for (unsigned i = 0; i < d_->probe->getPortCount(); ++i)
            if (d_->probe->getPortName(i) == d_->port)
                return;
        fail(gone.c_str());
    } catch (const RtMidiError& e) {
        fail(("the MIDI system went away (" + e.getMessage() + ")").c_str());
    }
}

} // namespace jazz::playback
