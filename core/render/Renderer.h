// Offline rendering of a song through FluidSynth to 16-bit stereo PCM and WAV files. Needs no
// sound card: the synthesizer is driven sample-accurately without an audio driver.
#pragma once

#include "midi/Song.h"

#include <cstdint>
#include <string>
#include <vector>

namespace jazz::render {

struct RenderOptions {
    std::string soundFont; // empty: defaultSoundFont()
    int sampleRate = 44100;
    double tailSeconds = 1.5; // let the last notes ring out
    bool reverb = false;      // a dry mix renders several times faster (see Renderer.cpp)
};

struct Audio {
    int sampleRate = 44100;
    std::vector<int16_t> samples; // interleaved stereo
    double seconds() const { return double(samples.size()) / 2.0 / sampleRate; }
    double peak() const;          // 0..1
};

// The SoundFont the studio uses unless told otherwise: $JAZZ_SOUNDFONT, else the Debian
// General MIDI SoundFonts (timgm6mb-soundfont first). Empty if none exists.
std::string defaultSoundFont();

// The SoundFont to load: `requested`, or the default when empty. Throws jazz::Error when
// there is none, the file is missing, or it is not a SoundFont. Also quiets FluidSynth's own
// logging, since its failures are reported by us, once, in words.
std::string resolveSoundFont(const std::string& requested);

// Throws jazz::Error: no SoundFont, or one FluidSynth cannot load (names the file).
Audio renderSong(const midi::Song& song, const RenderOptions& options = {});
// RIFF/WAVE PCM, written atomically. Throws jazz::Error naming the file.
void writeWav(const Audio& audio, const std::string& path);

} // namespace jazz::render
