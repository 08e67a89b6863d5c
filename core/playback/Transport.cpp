#include "playback/Transport.h"

#include "Error.h"

#include <algorithm>

namespace jazz::playback {

Output Output::fluid(const FluidSynthSink::Options& options) {
    Output o;
    o.kind = Kind::FluidSynth;
    o.fluidSynth = options;
    return o;
}

Output Output::midiPort(const std::string& name, MidiApi api) {
    Output o;
    o.kind = Kind::MidiPort;
    o.port = name;
    o.api = api;
    return o;
}

Output Output::given(MidiSink* sink) {
    Output o;
    o.kind = Kind::Sink;
    o.sink = sink;
    return o;
}

bool Output::operator==(const Output& o) const {
    return kind == o.kind && fluidSynth.soundFont == o.fluidSynth.soundFont &&
           fluidSynth.audioDriver == o.fluidSynth.audioDriver &&
           fluidSynth.fileName == o.fluidSynth.fileName &&
           fluidSynth.sampleRate == o.fluidSynth.sampleRate && port == o.port && api == o.api &&
           sink == o.sink;
}

std::string Output::describe() const {
    switch (kind) {
    case Kind::FluidSynth:
        return "FluidSynth";
    case Kind::MidiPort:
        return "MIDI port '" + port + "'";
    default:
        return "a given sink";
    }
}

Input Input::midiPort(const std::string& name, MidiApi api) {
    Input i;
    i.kind = Kind::MidiPort;
    i.port = name;
    i.api = api;
    return i;
}

Input Input::virtualPort(const std::string& name, MidiApi api) {
    Input i;
    i.kind = Kind::VirtualPort;
    i.port = name;
    i.api = api;
    return i;
}

Input Input::given(MidiSource* source) {
    Input i;
    i.kind = Kind::Source;
    i.source = source;
    return i;
}

bool Input::operator==(const Input& o) const {
    return kind == o.kind && port == o.port && api == o.api && source == o.source;
}

Transport::Transport(const EngineClock* clock)
    : clock_(clock ? clock : &EngineClock::steady()), onError_(std::make_shared<ErrorHandler>()) {}

void Transport::ErrorHandler::operator()(const std::string& message) {
    std::lock_guard<std::mutex> lock(mutex);
    if (call)
        call(message);
}

Transport::~Transport() {
    close();
    closeInput();
}

void Transport::setOutput(const Output& output) {
    if (output == output_)
        return;
    close();
    output_ = output;
}

bool Transport::open(std::string* error) {
    if (engine_ && !sink_->failed())
        return true;
    close(); // a failed device is opened afresh
    try {
        switch (output_.kind) {
        case Output::Kind::FluidSynth:
            ownedSink_ = FluidSynthSink::open(output_.fluidSynth);
            sink_ = ownedSink_.get();
            break;
        case Output::Kind::MidiPort:
            ownedSink_ = RtMidiSink::openPort(output_.port, output_.api);
            sink_ = ownedSink_.get();
            break;
        case Output::Kind::Sink:
            if (!output_.sink)
                throw Error("no output chosen");
            sink_ = output_.sink;
            break;
        }
    } catch (const Error& e) {
        if (error)
            *error = e.what();
        ownedSink_.reset();
        sink_ = nullptr;
        return false;
    }
    auto engine = std::make_unique<PlaybackEngine>(sink_, clock_);
    engine->setErrorHandler(
        [handler = onError_](const std::string& message) { (*handler)(message); });
    {
        std::lock_guard<std::mutex> lock(scheduleMutex_);
        engine_ = std::move(engine);
    }
    engine_->setTempo(tempo_);
    engine_->setLoop(loopStart_, loopEnd_);
    return true;
}

void Transport::close() {
    std::unique_ptr<PlaybackEngine> engine;
    {
        std::lock_guard<std::mutex> lock(scheduleMutex_);
        engine = std::move(engine_);
    }
    engine.reset(); // stops it
    ownedSink_.reset();
    sink_ = nullptr;
}

std::vector<std::string> Transport::outputPorts(MidiApi api, std::string* error) {
    try {
        return RtMidiSink::outputPorts(api);
    } catch (const Error& e) {
        if (error)
            *error = e.what();
        return {};
    }
}

std::vector<std::string> Transport::inputPorts(MidiApi api, std::string* error) {
    try {
        return RtMidiSource::inputPorts(api);
    } catch (const Error& e) {
        if (error)
            *error = e.what();
        return {};
    }
}

bool Transport::play(const midi::Song& song, double fromBeat, std::string* error) {
    if (!load(song, error))
        return false;
    start(fromBeat);
    return true;
}

bool Transport::load(const midi::Song& song, std::string* error) {
    if (!open(error))
        return false;
    engine_->load(song);
    song_ = song;
    tempo_ = engine_->tempo();
    engine_->setLoop(loopStart_, loopEnd_);
    return true;
}

void Transport::start(double fromBeat) {
    if (engine_)
        engine_->play(fromBeat);
}

void Transport::stop() {
    if (engine_)
        engine_->stop();
}

double Transport::pause() {
    if (!engine_)
        return 0;
    engine_->pause();
    return engine_->position();
}

void Transport::panic() {
    if (engine_)
        engine_->panic();
}

void Transport::setTempo(double bpm) {
    tempo_ = bpm;
    if (engine_)
        engine_->setTempo(bpm);
}

void Transport::setLoop(double startBeat, double endBeat) {
    loopStart_ = startBeat;
    loopEnd_ = endBeat;
    if (engine_)
        engine_->setLoop(startBeat, endBeat);
}

void Transport::jump(double beat) {
    if (engine_)
        engine_->jump(beat);
}

void Transport::setChannelMix(int channel, int volume, bool muted) {
    if (engine_)
        engine_->setChannelMix(channel, volume, muted);
}

bool Transport::isPlaying() const {
    return engine_ && engine_->isPlaying();
}

double Transport::position() const {
    return engine_ ? engine_->position() : 0;
}

double Transport::lengthBeats() const {
    return engine_ ? engine_->lengthBeats() : 0;
}

bool Transport::schedule(const std::vector<PlaybackEngine::Event>& events) {
    std::lock_guard<std::mutex> lock(scheduleMutex_);
    if (!engine_)
        return false;
    for (const auto& e : events)
        if (!engine_->schedule(e))
            return false;
    return true;
}

bool Transport::schedule(const std::vector<midi::SongNote>& notes) {
    midi::SongTrack track;
    track.notes = notes;
    std::vector<PlaybackEngine::Event> events;
    for (const midi::NoteEvent& n : midi::noteEvents(track, PlaybackEngine::kTicksPerBeat))
        events.push_back(
            {double(n.tick) / PlaybackEngine::kTicksPerBeat, {n.status, n.key, n.velocity}, 3});
    return schedule(events);
}

void Transport::extendTo(double beats) {
    if (engine_)
        engine_->extendTo(beats);
}

double Transport::beatAt(Clock::time_point t) const {
    return engine_ ? engine_->beatAt(t) : 0;
}

Clock::time_point Transport::timeAt(double beat) const {
    return engine_ ? engine_->timeAt(beat) : clock_->now();
}

void Transport::setInput(const Input& input) {
    if (input == input_)
        return;
    closeInput();
    input_ = input;
}

bool Transport::openInput(std::string* error) {
    if (source_ && !source_->failed())
        return true;
    closeInput();
    try {
        switch (input_.kind) {
        case Input::Kind::None:
            throw Error("no MIDI input chosen");
        case Input::Kind::MidiPort:
            ownedSource_ = RtMidiSource::openPort(input_.port, input_.api, 4096, clock_);
            source_ = ownedSource_.get();
            break;
        case Input::Kind::VirtualPort:
            ownedSource_ = RtMidiSource::openVirtual(input_.port, input_.api, 4096, clock_);
            source_ = ownedSource_.get();
            break;
        case Input::Kind::Source:
            if (!input_.source)
                throw Error("no MIDI input chosen");
            source_ = input_.source;
            break;
        }
    } catch (const Error& e) {
        if (error)
            *error = e.what();
        return false;
    }
    inputReported_ = false;
    source_->take(); // what came before it was armed is not played now
    return true;
}

void Transport::closeInput() {
    ownedSource_.reset();
    source_ = nullptr;
}

std::vector<BeatMessage> Transport::takeInput() {
    std::vector<BeatMessage> out;
    if (!source_)
        return out;
    for (const StampedMessage& m : source_->take())
        out.push_back({beatAt(m.at), m});
    return out;
}

void Transport::setErrorHandler(std::function<void(const std::string&)> handler) {
    std::lock_guard<std::mutex> lock(onError_->mutex);
    onError_->call = std::move(handler);
}

void Transport::poll() {
    if (sink_ && isPlaying())
        sink_->checkConnection(); // a gone port fails the sink; the engine stops and reports
    if (source_) {
        source_->checkConnection();
        if (source_->failed() && !inputReported_) {
            inputReported_ = true;
            (*onError_)(source_->errorMessage());
        }
    }
}

} // namespace jazz::playback
