#include "render/Renderer.h"

#include "Error.h"

#include <QFileInfo>
#include <QSaveFile>

#include <fluidsynth.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <memory>

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

Audio renderSong(const midi::Song& song, const RenderOptions& options) {
    const std::string sf = resolveSoundFont(options.soundFont);
    std::unique_ptr<fluid_settings_t, decltype(&delete_fluid_settings)> settings(
        new_fluid_settings(), delete_fluid_settings);
    fluid_settings_setnum(settings.get(), "synth.sample-rate", options.sampleRate);
    fluid_settings_setnum(settings.get(), "synth.gain", 0.5);
    std::unique_ptr<fluid_synth_t, decltype(&delete_fluid_synth)> synth(
        new_fluid_synth(settings.get()), delete_fluid_synth);
    if (!synth)
        throw Error("FluidSynth could not start a synthesizer");
    if (fluid_synth_sfload(synth.get(), sf.c_str(), 1) == FLUID_FAILED)
        throw Error(sf + ": not a SoundFont FluidSynth can load");

    const double framesPerBeat = options.sampleRate * 60.0 / std::max(1.0, song.bpm);
    std::vector<Timed> events;
    double endBeats = 0;
    for (const auto& t : song.tracks) {
        fluid_synth_program_change(synth.get(), t.channel, t.program);
        fluid_synth_cc(synth.get(), t.channel, 7, std::clamp(t.volume, 0, 127));
        for (const auto& n : t.notes) {
            const int64_t on = std::llround(n.start * framesPerBeat);
            const int64_t off = std::max(on + 1, int64_t(std::llround((n.start + n.duration) * framesPerBeat)));
            events.push_back({on, 1, n.channel, n.pitch, n.velocity, true});
            events.push_back({off, 0, n.channel, n.pitch, 0, false});
            endBeats = std::max(endBeats, n.start + n.duration);
        }
    }
    std::sort(events.begin(), events.end(), [](const Timed& a, const Timed& b) {
        return a.frame != b.frame ? a.frame < b.frame : a.order < b.order;
    });
    Audio audio;
    audio.sampleRate = options.sampleRate;
    const int64_t total = std::llround(endBeats * framesPerBeat + options.tailSeconds * options.sampleRate);
    audio.samples.resize(size_t(total) * 2);
    int64_t pos = 0;
    auto renderTo = [&](int64_t frame) {
        while (pos < frame) {
            const int n = int(std::min<int64_t>(frame - pos, 4096));
            int16_t* out = &audio.samples[size_t(pos) * 2];
            fluid_synth_write_s16(synth.get(), n, out, 0, 2, out, 1, 2);
            pos += n;
        }
    };
    for (const Timed& e : events) {
        renderTo(std::min(e.frame, total));
        if (e.on)
            fluid_synth_noteon(synth.get(), e.channel, e.key, e.velocity);
        else
            fluid_synth_noteoff(synth.get(), e.channel, e.key);
    }
    renderTo(total);
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
