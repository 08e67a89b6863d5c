// Real devices behind MidiSink: FluidSynth playing live through an audio driver, and RtMidi
// ports (hardware synths, other programs, JACK); MIDI input is MidiSource's. Opening throws
// jazz::Error with one clear sentence when the device is not there (no MIDI system, no sound card,
// no such port or SoundFont); nothing is opened until asked for.
#pragma once

#include "playback/MidiSink.h"

#include <memory>
#include <string>
#include <vector>

namespace jazz::playback {

class FluidSynthSink : public MidiSink {
public:
    struct Options {
        std::string soundFont;   // empty: the default General MIDI SoundFont
        std::string audioDriver; // empty: FluidSynth's choice; "file" renders in real time
        std::string fileName;    // output of the "file" driver
        int sampleRate = 44100;
    };
    static std::unique_ptr<FluidSynthSink> open(const Options& options);
    ~FluidSynthSink() override;
    void send(const uint8_t* bytes, size_t size) override;

private:
    FluidSynthSink() = default;
    struct Impl;
    std::unique_ptr<Impl> d_;
};

enum class MidiApi { Default, Alsa, Jack };

class RtMidiSink : public MidiSink {
public:
    // Output port names; throws when the MIDI system cannot be reached.
    static std::vector<std::string> outputPorts(MidiApi api = MidiApi::Default);
    // Opens the first port whose name contains `name`.
    static std::unique_ptr<RtMidiSink> openPort(const std::string& name,
                                                MidiApi api = MidiApi::Default);
    // A port other programs connect to.
    static std::unique_ptr<RtMidiSink> openVirtual(const std::string& name,
                                                   MidiApi api = MidiApi::Default);
    ~RtMidiSink() override;
    void send(const uint8_t* bytes, size_t size) override;
    // A port opened by name fails once that port is gone (its device unplugged, its program
    // closed) or, on JACK, once this output is no longer connected to it.
    void checkConnection() override;
    std::string portName() const;

private:
    RtMidiSink() = default;
    struct Impl;
    std::unique_ptr<Impl> d_;
};

} // namespace jazz::playback
