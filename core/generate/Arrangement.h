// A solo with the chords voiced as comping, at a tempo, with General MIDI instruments: what
// gets written as a MIDI file, rendered as a WAV, or played.
#pragma once

#include "generate/Generator.h"
#include "midi/Song.h"

#include <string>

namespace jazz::generate {

struct Arrangement {
    Solo solo;
    double tempo = 130;     // the notebook's tempo
    int soloProgram = 26;   // GM 27, Electric Guitar (jazz), 0-based
    int compProgram = 4;    // GM 5, Electric Piano 1
    int compVelocity = 62;

    double lengthBeats() const { return solo.lengthBeats(); }
    double lengthSeconds() const { return lengthBeats() * 60.0 / tempo; }
    // Tracks "Solo" (channel 1) and "Comping" (channel 2); each chord sounds until the next.
    midi::Song toSong() const;
};

// Writes the arrangement as a format-1 MIDI file (atomically). Throws jazz::Error.
void writeMidi(const Arrangement& arrangement, const std::string& path);

} // namespace jazz::generate
