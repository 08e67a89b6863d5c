// Turns grammar values back into notes over a measure's chords, as deepjazz's unparse_grammar
// does, plus the notebook's post-processing; seeded, so the same seed gives the same notes.
#pragma once

#include "grammar/Value.h"
#include "theory/Chord.h"

#include <random>
#include <vector>

namespace jazz::grammar {

struct TimedChord {
    double offset = 0; // quarter notes from the measure start
    theory::Chord chord;
};

struct DecodedNote {
    double offset = 0;   // quarter notes from the measure start
    double duration = 0; // quarter notes
    int pitch = 60;
    ToneType type = ToneType::Chord; // the class it was drawn from
    // How the pitch was found: drawn from the class inside the value's interval range; the
    // previous pitch a whole step up or down because nothing in the range fitted; or without a
    // range (a measure's first note). The octave floors may lift any of them.
    enum class Source { InRange, Fallback, Unbounded } source = Source::Unbounded;
    int low = 0, high = 127; // the range's bounds (MIDI) when source is InRange or Fallback
};

// A and X read as C (the notebook's choice: arbitrary tones sound wrong when drawn at random).
std::vector<Value> readApproachAndOtherAsChord(std::vector<Value> values);

// Snaps each duration to the 0.25 grid, up or down at random (deepjazz's prune_grammar).
// Unlike deepjazz, a duration already on the grid stays: its roundUp added 0.25 to exact
// multiples, lengthening half of all sixteenth-grid notes by a sixteenth.
std::vector<Value> snapDurations(std::vector<Value> values, std::mt19937& rng);

// unparse_grammar: rests advance time; a note without a range is drawn from its class over the
// chord (chord tone, major-or-blues scale tone, or a semitone beside a scale tone), octave at
// least 4; a note with a range is drawn from the class between the previous pitch plus the
// range's bounds, octave at least 3, and falls back to the previous pitch a whole step away.
// Fixes deepjazz's bug of placing each note at its own end time: notes start where the previous
// element ended. A range with no previous note is read as no range (deepjazz crashed there).
std::vector<DecodedNote> decode(const std::vector<Value>& values,
                                const std::vector<TimedChord>& chords, std::mt19937& rng);

// prune_notes and clean_up_notes: drop a note that repeats the previous note's pitch, give
// zero-length notes 0.25, keep only the first of notes sharing an onset.
std::vector<DecodedNote> pruneAndCleanUp(std::vector<DecodedNote> notes);

// The whole chain for one measure: A/X as C, snap durations, decode, prune and clean up.
std::vector<DecodedNote> realizeMeasure(const std::vector<Value>& values,
                                        const std::vector<TimedChord>& chords, std::mt19937& rng);

} // namespace jazz::grammar
