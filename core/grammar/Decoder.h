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

// Two algorithms turn values into pitches.
//
// The notebook's (realizeNotebookMeasure around decodeNotebook, kept exact for fidelity to
// deepjazz): A and X read as C, durations snapped to the sixteenth grid, every measure started
// afresh, each pitch drawn uniformly from what its class and range allow.
//
// The studio's (realizeStudioMeasure around decodeStudio): every class decoded as the encoder
// defined it (S: scale but not chord tone, A: approach but neither, X: none), so a solo keeps
// the corpus's mix of tones; each measure's first note led on from the previous measure's last
// pitch (the notebook's bar lines jump by a fifth on average); and the choices below.
struct StudioDecoding {
    // A register to lean towards (MIDI; -1: none): among the pitches a value allows, those
    // nearer the centre are likelier (Gaussian weights, sd 7 semitones), so a long solo does
    // not random-walk off the instrument; the generator centres it on the corpus's median.
    int center = 67;
    // deepjazz draws uniformly from the range; the range is the corpus's interval plus and
    // minus a minor third, so its middle is the interval actually played. A positive focus
    // (sd in semitones) prefers pitches near that middle; 0 draws uniformly.
    double intervalFocus = 1.5;
    // deepjazz snaps every duration to the sixteenth grid, turning triplets into uneven
    // sixteenths; the studio keeps durations on the twelfth-of-a-beat grid (triplets) as they
    // are, made exact (the values store 0.333).
    bool keepTriplets = true;
    bool operator==(const StudioDecoding&) const = default;
};
inline StudioDecoding studioDecoding() {
    return {.center = 67, .intervalFocus = 1.5, .keepTriplets = true};
}

// Which of the two a generator runs.
struct Decoding {
    enum class Algorithm { Notebook, Studio };
    Algorithm algorithm = Algorithm::Studio;
    StudioDecoding studio; // the studio algorithm's options (unused by the notebook's)
    static Decoding notebook() { return {.algorithm = Algorithm::Notebook, .studio = {}}; }
    bool isNotebook() const { return algorithm == Algorithm::Notebook; }
    bool operator==(const Decoding&) const = default;
};

// A and X read as C (the notebook's choice: arbitrary tones sound wrong when drawn at random).
std::vector<Value> readApproachAndOtherAsChord(std::vector<Value> values);

// Snaps each duration to the 0.25 grid, up or down at random (deepjazz's prune_grammar).
// Unlike deepjazz, a duration already on the grid stays: its roundUp added 0.25 to exact
// multiples, lengthening half of all sixteenth-grid notes by a sixteenth.
// With keepTriplets, a duration on the triplet grid (a multiple of 1/12 beat, to the values'
// three decimals) is set exactly onto it instead.
std::vector<Value> snapDurations(std::vector<Value> values, std::mt19937& rng,
                                 bool keepTriplets = false);

// unparse_grammar: rests advance time; a note without a range is drawn from its class over the
// chord (chord tone, major-or-blues scale tone, or a semitone beside a scale tone), octave at
// least 4; a note with a range is drawn from the class between the previous pitch plus the
// range's bounds, octave at least 3, and falls back to the previous pitch a whole step away.
// Fixes deepjazz's bug of placing each note at its own end time: notes start where the previous
// element ended. A range with no previous note is read as no range (deepjazz crashed there).
// The chord under a note is theory::chordAtTime's. Values as given: no A/X reading, no snapping
// (realizeNotebookMeasure does the whole chain).
std::vector<DecodedNote> decodeNotebook(const std::vector<Value>& values,
                                        const std::vector<TimedChord>& chords, std::mt19937& rng);

// The same walk with the studio's choices: a class is drawn as the encoder defines it (falling
// back to deepjazz's looser class when nothing in the range fits); with a previous pitch
// (previousPitch >= 0: the last note of the measure before), a note without a range is drawn
// from its class within a fifth of it; with none, the measure's first strict-class note comes
// from the middle of the staff. Pitches lean to options.center and the range's middle.
std::vector<DecodedNote> decodeStudio(const std::vector<Value>& values,
                                      const std::vector<TimedChord>& chords, std::mt19937& rng,
                                      const StudioDecoding& options, int previousPitch = -1);

// prune_notes and clean_up_notes: drop a note that repeats the previous note's pitch, give
// zero-length notes 0.25, keep only the first of notes sharing an onset.
std::vector<DecodedNote> pruneAndCleanUp(std::vector<DecodedNote> notes);

// The notebook's whole chain for one measure: A/X as C, snap durations to the sixteenth grid,
// decodeNotebook, prune and clean up.
std::vector<DecodedNote> realizeNotebookMeasure(const std::vector<Value>& values,
                                                const std::vector<TimedChord>& chords,
                                                std::mt19937& rng);
// The studio's: snap durations (triplets kept when asked), decodeStudio, prune and clean up.
std::vector<DecodedNote> realizeStudioMeasure(const std::vector<Value>& values,
                                              const std::vector<TimedChord>& chords,
                                              std::mt19937& rng, const StudioDecoding& options,
                                              int previousPitch = -1);
// Either, as `decoding` says (previousPitch is the studio's only).
std::vector<DecodedNote> realizeMeasure(const std::vector<Value>& values,
                                        const std::vector<TimedChord>& chords, std::mt19937& rng,
                                        const Decoding& decoding, int previousPitch = -1);

} // namespace jazz::grammar
