// Reads one MIDI track into a single line of notes, chords and rests the way music21 6.5's
// MIDI import does it (the notebook's corpus depends on every one of these rules):
// - note-ons pair with the earliest later unused note-off of the same pitch and channel;
// - notes whose onsets and ends both lie within ticksPerQuarter/16 of a first note form a chord;
// - offsets and durations are each snapped to the nearest multiple of 1/4 or 1/3 quarter note
//   (ties to the 1/4 grid); a non-grace note never gets length 0 (0.25 instead);
// - when two notes start together but end apart, the track is split into voices by first fit,
//   each voice's gaps filled with rests; the voices are merged back in voice order, as the
//   notebook does.
#pragma once

#include "midi/MidiFile.h"

#include <cstdint>
#include <vector>

namespace jazz::corpus {

// Times in twelfths of a quarter note: every quantized time and every rest is a multiple.
constexpr int64_t kTicks12 = 12;

struct PartElement {
    enum Kind { Note, Chord, Rest };
    Kind kind = Note;
    int64_t offset12 = 0;
    int64_t duration12 = 0;
    std::vector<int> pitches; // MIDI numbers; chords in music21's order (first note first)
    bool grace = false;       // note-on and note-off on the same tick
    int voice = 0;            // which voice music21 put it in (0 when there are none)
    int64_t end12() const { return offset12 + duration12; }
};

struct ImportedPart {
    std::vector<PartElement> elements; // the merged line, in music21's sort order
    int voices = 1;
};

ImportedPart importPart(const midi::Track& track, int ticksPerQuarter);

// music21's bestMatch over the divisors (4, 3): the nearest multiple of 1/4 or 1/3 of
// `ticks / ticksPerQuarter`, in twelfths. An exact half rounds up; equal errors pick 1/4.
int64_t quantize12(int64_t ticks, int ticksPerQuarter);

} // namespace jazz::corpus
