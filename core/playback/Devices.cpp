#include "playback/Devices.h"

#include "Error.h"
#include "playback/JackMidi.h"
#include "render/Renderer.h"

#include <RtMidi.h>
#include <fluidsynth.h>
#include <jack/jack.h>

#include <cstring>

namespace jazz::playback {

// ---- FluidSynth --------------------------------------------------------------------------

struct FluidSynthSink::Impl {
    fluid_settings_t* settings = nullptr;
    fluid_synth_t* synth = nullptr;
    fluid_audio_driver_t* driver = nullptr;
    ~Impl() {
        if (driver)
            delete_fluid_audio_driver(driver);
        if (synth)
            delete_fluid_synth(synth);
        if (settings)
            delete_fluid_settings(settings);
    }
};

std::unique_ptr<FluidSynthSink> FluidSynthSink::open(const Options& o) {
    const std::string sf = render::resolveSoundFont(o.soundFont);
    std::unique_ptr<FluidSynthSink> s(new FluidSynthSink);
    s->d_ = std::make_unique<Impl>();
    Impl& d = *s->d_;
    d.settings = new_fluid_settings();
    fluid_settings_setnum(d.settings, "synth.sample-rate", o.sampleRate);
    fluid_settings_setnum(d.settings, "synth.gain", 0.5);
    if (!o.audioDriver.empty())
        fluid_settings_setstr(d.settings, "audio.driver", o.audioDriver.c_str());
    if (!o.fileName.empty())
        fluid_settings_setstr(d.settings, "audio.file.name", o.fileName.c_str());
    d.synth = new_fluid_synth(d.settings);
    if (!d.synth)
        throw Error("FluidSynth could not start a synthesizer");
    if (fluid_synth_sfload(d.synth, sf.c_str(), 1) == FLUID_FAILED)
        throw Error(sf + ": not a SoundFont FluidSynth can load");
    d.driver = new_fluid_audio_driver(d.settings, d.synth);
    if (!d.driver)
        throw Error("no audio output: FluidSynth could not open the " +
                    (o.audioDriver.empty() ? std::string("default") : "'" + o.audioDriver + "'") +
                    " audio driver (no sound card here?). Offline rendering still works.");
    return s;
}

FluidSynthSink::~FluidSynthSink() = default;

void FluidSynthSink::send(const uint8_t* b, size_t n) {
    if (n < 2)
        return;
    fluid_synth_t* s = d_->synth;
    const int ch = b[0] & 0x0F;
    switch (b[0] & 0xF0) {
    case 0x90:
        if (n == 3 && b[2] > 0)
            fluid_synth_noteon(s, ch, b[1], b[2]);
        else if (n == 3)
            fluid_synth_noteoff(s, ch, b[1]);
        break;
    case 0x80:
        fluid_synth_noteoff(s, ch, b[1]);
        break;
    case 0xB0:
        if (n == 3)
            fluid_synth_cc(s, ch, b[1], b[2]);
        break;
    case 0xC0:
        fluid_synth_program_change(s, ch, b[1]);
        break;
    case 0xE0:
        if (n == 3)
            fluid_synth_pitch_bend(s, ch, b[1] | (b[2] << 7));
        break;
    default:
        break;
    }
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

std::string noMidiSystem(const std::string& detail) {
    return "no MIDI system available (" + detail + "); play through FluidSynth instead";
}

} // namespace

struct RtMidiSink::Impl {
    std::unique_ptr<RtMidiOut> out;
    std::unique_ptr<JackMidiPort> jack; // MidiApi::Jack: our own port (see JackMidi.h)
    std::string port;                   // the destination's full name; empty for a virtual port
    RtMidi::Api api = RtMidi::UNSPECIFIED;
    jack_client_t* monitor = nullptr; // JACK: a port-less client that looks at connections
    std::unique_ptr<RtMidiOut> probe; // other APIs: lists the ports (opened once)
    ~Impl() {
        if (monitor)
            jack_client_close(monitor);
    }
};

std::vector<std::string> RtMidiSink::outputPorts(MidiApi api) {
    if (api == MidiApi::Jack)
        return JackMidiPort::peers(JackMidiPort::Direction::Out);
    try {
        RtMidiOut out(toRt(api), "Jazz Studio");
        std::vector<std::string> names;
        for (unsigned i = 0; i < out.getPortCount(); ++i)
            names.push_back(out.getPortName(i));
        return names;
    } catch (const RtMidiError& e) {
        throw Error(noMidiSystem(e.getMessage()));
    }
}

std::unique_ptr<RtMidiSink> RtMidiSink::openPort(const std::string& name, MidiApi api) {
    std::unique_ptr<RtMidiSink> s(new RtMidiSink);
    s->d_ = std::make_unique<Impl>();
    if (api == MidiApi::Jack) {
        if (const std::string port = JackMidiPort::find(JackMidiPort::Direction::Out, name);
            !port.empty()) {
            s->d_->jack = JackMidiPort::open("Jazz Studio", "out", JackMidiPort::Direction::Out);
            if (!s->d_->jack->connect(port))
                throw Error("JACK would not connect to MIDI output port '" + port + "'");
            s->d_->port = port;
            s->d_->api = RtMidi::UNIX_JACK;
            return s;
        }
        throw Error("MIDI output port '" + name + "' not found");
    }
    try {
        s->d_->out = std::make_unique<RtMidiOut>(toRt(api), "Jazz Studio");
        for (unsigned i = 0; i < s->d_->out->getPortCount(); ++i)
            if (s->d_->out->getPortName(i).find(name) != std::string::npos) {
                s->d_->port = s->d_->out->getPortName(i);
                s->d_->out->openPort(i, "out");
                s->d_->api = s->d_->out->getCurrentApi();
                return s;
            }
    } catch (const RtMidiError& e) {
        throw Error(noMidiSystem(e.getMessage()));
    }
    throw Error("MIDI output port '" + name + "' not found");
}

std::unique_ptr<RtMidiSink> RtMidiSink::openVirtual(const std::string& name, MidiApi api) {
    std::unique_ptr<RtMidiSink> s(new RtMidiSink);
    s->d_ = std::make_unique<Impl>();
    if (api == MidiApi::Jack) {
        s->d_->jack = JackMidiPort::open("Jazz Studio", name, JackMidiPort::Direction::Out);
        return s;
    }
    try {
        s->d_->out = std::make_unique<RtMidiOut>(toRt(api), "Jazz Studio");
        s->d_->out->openVirtualPort(name);
    } catch (const RtMidiError& e) {
        throw Error(noMidiSystem(e.getMessage()));
    }
    return s;
}

RtMidiSink::~RtMidiSink() = default;

std::string RtMidiSink::portName() const {
    return d_->port;
}

void RtMidiSink::checkConnection() {
    if (failed() || d_->port.empty())
        return;
    const std::string gone = "MIDI port '" + d_->port +
                             "' is gone (device unplugged or program closed); playback stopped";
    if (d_->jack || d_->api == RtMidi::UNIX_JACK) {
        // RtMidi's output port belongs to a client named after ours ("Jazz Studio", or
        // "Jazz Studio-01" when several run).
        switch (jackPeerState(d_->jack.get(), d_->monitor, d_->port, "Jazz Studio", ":out")) {
        case PeerState::Gone:
            fail(gone.c_str());
            break;
        case PeerState::Disconnected:
            fail(("MIDI port '" + d_->port + "' was disconnected; playback stopped").c_str());
            break;
        default: // connected, or cannot tell: keep playing
            break;
        }
        return;
    }
    try {
        if (!d_->probe)
            d_->probe = std::make_unique<RtMidiOut>(d_->api, "Jazz Studio probe");
        for (unsigned i = 0; i < d_->probe->getPortCount(); ++i)
            if (d_->probe->getPortName(i) == d_->port)
                return;
        fail(gone.c_str());
    } catch (const RtMidiError& e) {
        fail(("the MIDI system went away (" + e.getMessage() + "); playback stopped").c_str());
    }
}

void RtMidiSink::send(const uint8_t* b, size_t n) {
    if (!b || !n || failed())
        return;
    if (d_->jack) {
        d_->jack->write(b, n); // lock-free; a full ring drops the message
        return;
    }
    try {
        d_->out->sendMessage(b, n);
    } catch (const RtMidiError&) {
        fail("the MIDI port stopped accepting messages (unplugged?)");
    }
}

} // namespace jazz::playback
