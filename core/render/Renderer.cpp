#include "render/Renderer.h"

#include "Error.h"

#include <QFileInfo>
#include <QSaveFile>

#include <fluidsynth.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>
#include <thread>

namespace jazz::render {

namespace {

struct Timed {
    int64_t frame;
    int order; // offs before ons at one frame
    int channel, key, velocity;
    bool on;
};

void putLe(std::vector<char>& out, uint32_t v, int bytes) {
    for (int i = 0; i < bytes; ++i)
        out.push_back(char((v >> (8 * i)) & 0xFF));
}

} // namespace

double Audio::peak() const {
    int m = 0;
    for (int16_t s : samples)
        m = std::max(m, std::abs(int(s)));
    return m / 32768.0;
}

std::string defaultSoundFont() {
    if (const char* env = std::getenv("JAZZ_SOUNDFONT"); env && *env)
        return env;
    for (const char* p : {"/usr/share/sounds/sf2/TimGM6mb.sf2", "/usr/share/sounds/sf2/default-GM.sf2",
                          "/usr/share/sounds/sf2/FluidR3_GM.sf2", "/usr/share/soundfonts/default.sf2"})
        if (QFileInfo::exists(p))
            return p;
    return {};
}

std::string resolveSoundFont(const std::string& requested) {
    const std::string sf = requested.empty() ? defaultSoundFont() : requested;
    if (sf.empty())
        throw Error("no SoundFont found: install timgm6mb-soundfont or choose an .sf2 file");
    if (!QFileInfo(QString::fromStdString(sf)).isFile())
        throw Error(sf + ": SoundFont file not found");
    if (!fluid_is_soundfont(sf.c_str()))
        throw Error(sf + ": not a SoundFont FluidSynth can load (no RIFF sfbk header)");
    for (int level : {FLUID_PANIC, FLUID_ERR, FLUID_WARN, FLUID_INFO, FLUID_DBG})
        fluid_set_log_function(level, nullptr, nullptr);
    return sf;
}

namespace {

using SynthPtr = std::unique_ptr<fluid_synth_t, decltype(&delete_fluid_synth)>;
using SettingsPtr = std::unique_ptr<fluid_settings_t, decltype(&delete_fluid_settings)>;

// Rendering is made fast where the ear does not tell (a band's WAV renders at over 200x real
// time on two cores; with FluidSynth's defaults it was about 50x):
// - Each synthesizer keeps only the voices that matter: a band's drum hits ring on for seconds
//   after their short notes (ride, hi-hats), keeping 40-60 voices busy. The cap leaves room for
//   every note held at once plus a few release tails; FluidSynth steals released and quiet
//   voices first, so what goes is the tail of a cymbal or chord under the next one.
// - Linear interpolation: TimGM6mb's samples are low-rate anyway.
// - No chorus (General MIDI's chorus send is 0 unless a part asks; none does) and, unless
//   asked for, no reverb: FluidSynth's reverb costs as much as a dozen voices, on every
//   synthesizer. The WAV is a dry mix, as tracks for a DAW usually are.
int polyphonyFor(const std::vector<const midi::SongTrack*>& tracks) {
    std::vector<std::pair<double, int>> edges;
    for (const auto* t : tracks)
        for (const auto& n : t->notes) {
            edges.push_back({n.start, 1});
            edges.push_back({n.start + n.duration, -1});
        }
    std::sort(edges.begin(), edges.end()); // ends (-1) before starts at the same time
    int sounding = 0, most = 0;
    for (const auto& e : edges)
        most = std::max(most, sounding += e.second);
    // Room for every note held at once, a few layered (two-voice) presets and a few tails.
    return std::clamp(most + 4, 8, 256);
}

// One synthesizer playing some of the song's tracks, rendered a segment at a time.
class GroupRenderer {
public:
    GroupRenderer(const std::string& sf, const std::vector<const midi::SongTrack*>& tracks,
                  double bpm, const RenderOptions& options)
        : settings_(new_fluid_settings(), delete_fluid_settings),
          synth_(nullptr, delete_fluid_synth) {
        fluid_settings_setnum(settings_.get(), "synth.sample-rate", options.sampleRate);
        fluid_settings_setnum(settings_.get(), "synth.gain", 0.5);
        fluid_settings_setint(settings_.get(), "synth.polyphony", polyphonyFor(tracks));
        fluid_settings_setint(settings_.get(), "synth.chorus.active", 0);
        fluid_settings_setint(settings_.get(), "synth.reverb.active", options.reverb ? 1 : 0);
        synth_.reset(new_fluid_synth(settings_.get()));
        if (!synth_)
            throw Error("FluidSynth could not start a synthesizer");
        if (fluid_synth_sfload(synth_.get(), sf.c_str(), 1) == FLUID_FAILED)
            throw Error(sf + ": not a SoundFont FluidSynth can load");
        fluid_synth_set_interp_method(synth_.get(), -1, FLUID_INTERP_LINEAR);
        const double framesPerBeat = options.sampleRate * 60.0 / std::max(1.0, bpm);
        for (const midi::SongTrack* t : tracks) {
            fluid_synth_program_change(synth_.get(), t->channel, t->program);
            fluid_synth_cc(synth_.get(), t->channel, 7, std::clamp(t->volume, 0, 127));
        }
        // Frames are the grid: offs before ons at one frame, as everywhere notes are played.
        for (const midi::NoteEvent& e : midi::noteEvents(tracks, framesPerBeat))
            events_.push_back({e.tick, e.isOff() ? 0 : 1, e.status & 0x0F, e.key, e.velocity,
                               !e.isOff()});
    }

    // Renders frames [pos, end) into out (interleaved stereo floats, overwritten).
    void renderTo(int64_t end, float* out) {
        const int64_t from = pos_;
        auto renderUntil = [&](int64_t frame) {
            while (pos_ < frame) {
                const int n = int(std::min<int64_t>(frame - pos_, 4096));
                float* at = out + size_t(pos_ - from) * 2;
                fluid_synth_write_float(synth_.get(), n, at, 0, 2, at, 1, 2);
                pos_ += n;
            }
        };
        for (; next_ < events_.size() && events_[next_].frame < end; ++next_) {
            const Timed& e = events_[next_];
            renderUntil(std::max(e.frame, pos_));
            if (e.on)
                fluid_synth_noteon(synth_.get(), e.channel, e.key, e.velocity);
            else
                fluid_synth_noteoff(synth_.get(), e.channel, e.key);
        }
        renderUntil(end);
    }

private:
    SettingsPtr settings_;
    SynthPtr synth_;
    std::vector<Timed> events_;
    size_t next_ = 0;
    int64_t pos_ = 0;
};

// How much rendering a track costs, roughly: its voices' lifetimes in beats. Measured with
// TimGM6mb: a drum hit rings about a beat and a half whatever its note's length; a pitched
// note sounds its length and about a beat of release.
double renderCost(const midi::SongTrack& t) {
    double cost = 0;
    for (const auto& n : t.notes)
        cost += n.channel == 9 ? 1.5 : std::min(n.duration, 4.0) + 1.0;
    return cost;
}

} // namespace

Audio renderSong(const midi::Song& song, const RenderOptions& options) {
    const std::string sf = resolveSoundFont(options.soundFont);
    double endBeats = 0;
    for (const auto& t : song.tracks)
        for (const auto& n : t.notes)
            endBeats = std::max(endBeats, n.start + n.duration);
    const double framesPerBeat = options.sampleRate * 60.0 / std::max(1.0, song.bpm);
    const int64_t total =
        std::llround(endBeats * framesPerBeat + options.tailSeconds * options.sampleRate);

    // Tracks are split between up to two synthesizers on their own threads (a band's drums on
    // one, the rest on the other, typically) and the results summed: synthesis is linear and
    // the parts sit on distinct channels, so this sounds as one synthesizer would.
    const unsigned cores = std::max(1u, std::min(2u, std::thread::hardware_concurrency()));
    std::vector<const midi::SongTrack*> order;
    for (const auto& t : song.tracks)
        if (!t.notes.empty())
            order.push_back(&t);
    std::stable_sort(order.begin(), order.end(),
                     [](const auto* a, const auto* b) { return renderCost(*a) > renderCost(*b); });
    const size_t groups = std::max<size_t>(1, std::min<size_t>(cores, order.size()));
    std::vector<std::vector<const midi::SongTrack*>> group(groups);
    std::vector<double> load(groups, 0);
    for (const auto* t : order) {
        const size_t g = size_t(std::min_element(load.begin(), load.end()) - load.begin());
        group[g].push_back(t);
        load[g] += renderCost(*t);
    }
    // Segment by segment (a second each), both synthesizers at once, each segment mixed
    // straight into the output: small buffers that stay in cache, instead of the whole song
    // as floats per synthesizer (over 100 MB for three minutes, most of it page faults).
    std::vector<std::unique_ptr<GroupRenderer>> renderers;
    for (const auto& g : group)
        renderers.push_back(std::make_unique<GroupRenderer>(sf, g, song.bpm, options));
    const int64_t segment = options.sampleRate;
    std::vector<std::vector<float>> buffers(groups, std::vector<float>(size_t(segment) * 2));
    Audio audio;
    audio.sampleRate = options.sampleRate;
    audio.samples.resize(size_t(total) * 2);
    for (int64_t at = 0; at < total; at += segment) {
        const int64_t end = std::min(total, at + segment);
        std::vector<std::thread> threads;
        for (size_t g = 1; g < groups; ++g)
            threads.emplace_back([&, g] { renderers[g]->renderTo(end, buffers[g].data()); });
        renderers[0]->renderTo(end, buffers[0].data());
        for (auto& t : threads)
            t.join();
        int16_t* out = audio.samples.data() + size_t(at) * 2;
        for (size_t i = 0; i < size_t(end - at) * 2; ++i) {
            float sum = 0;
            for (const auto& b : buffers)
                sum += b[i];
            sum = std::clamp(sum * 32768.0f, -32768.0f, 32767.0f);
            out[i] = int16_t(sum + (sum >= 0 ? 0.5f : -0.5f));
        }
    }
    return audio;
}

void writeWav(const Audio& audio, const std::string& path) {
    std::vector<char> out;
    const uint32_t dataBytes = uint32_t(audio.samples.size() * 2);
    out.insert(out.end(), {'R', 'I', 'F', 'F'});
    putLe(out, 36 + dataBytes, 4);
    out.insert(out.end(), {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '});
    putLe(out, 16, 4);
    putLe(out, 1, 2); // PCM
    putLe(out, 2, 2); // stereo
    putLe(out, uint32_t(audio.sampleRate), 4);
    putLe(out, uint32_t(audio.sampleRate) * 4, 4);
    putLe(out, 4, 2);
    putLe(out, 16, 2);
    out.insert(out.end(), {'d', 'a', 't', 'a'});
    putLe(out, dataBytes, 4);
    for (int16_t s : audio.samples)
        putLe(out, uint16_t(s), 2);
    QSaveFile f(QString::fromStdString(path));
    if (!f.open(QIODevice::WriteOnly) || f.write(out.data(), qint64(out.size())) != qint64(out.size()) ||
        !f.commit())
        throw Error(path + ": cannot write: " + f.errorString().toStdString());
}

} // namespace jazz::render
