// A take as it sounds: the solo, the band under it (bass, drums, comping... from MMA; block
// chords when there is none), at a tempo, with General MIDI instruments. What gets written as
// a MIDI file, rendered as a WAV, or played: every output reads toSong().
#pragma once

#include "generate/Generator.h"
#include "midi/Song.h"
#include "perform/Mixer.h"
#include "perform/Performance.h"

#include <string>
#include <vector>

namespace jazz::generate {

// How toSong() plays the take.
struct SongOptions {
    bool quantized = false;                // the solo on the grid instead of "as played"
    const perform::Mixer* mixer = nullptr; // volumes; muted parts left out (none: all at 100)
    bool keepMuted = false;                // live playback: muted parts stay, silenced by channel
    bool countIn = false;                  // one bar of sticks before the take (all else moves)
};

struct Arrangement {
    Solo solo;
    double tempo = 130;     // the notebook's tempo
    int soloProgram = 26;   // GM 27, Electric Guitar (jazz), 0-based
    int compProgram = 4;    // GM 5, Electric Piano 1
    int compVelocity = 62;
    // The band's parts (from accompany::playBand), each on its own channel; empty: the solo
    // plays over block chords held for each chord's length, as before there was a band.
    std::vector<midi::SongTrack> band;
    std::string style; // the groove the band played, for display and sessions
    // Swing, dynamics and humanization of the solo; its seed is the take's.
    perform::PerformOptions performance;

    double lengthBeats() const { return solo.lengthBeats(); }
    double lengthSeconds() const { return lengthBeats() * 60.0 / tempo; }
    // "Solo", then the band's parts, or "Comping" when there is no band.
    std::vector<std::string> partNames() const;
    // Track "Solo" on channel 1, then each band part on its channel (drums on 10), or
    // "Comping" (channel 2) with each chord sounding until the next.
    midi::Song toSong(const SongOptions& options = {}) const;
};

inline constexpr const char* kCountInPart = "Count-in";

// Writes the arrangement as a format-1 MIDI file (atomically). Throws jazz::Error.
void writeMidi(const Arrangement& arrangement, const std::string& path,
               const SongOptions& options = {});

} // namespace jazz::generate
