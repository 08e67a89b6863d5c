// Spelled pitches (letter, accidental, octave) as music21 names them: "C#4", "E-5", "B--3".
#pragma once

#include <optional>
#include <string>

namespace jazz::theory {

class Pitch {
public:
    Pitch() = default;
    // step: 0..6 for C D E F G A B; alter: semitones (-2..2 usually); octave: C4 is MIDI 60.
    Pitch(int step, int alter, int octave) : step_(step), alter_(alter), octave_(octave) {}

    // Spells a MIDI number the way music21 spells MIDI input: C C# D E- E F F# G G# A B- B.
    static Pitch fromMidi(int midi);
    // Parses "C#4", "E-", "Bb3" (b also accepted for flat); octave defaults to 4.
    static std::optional<Pitch> parse(const std::string& text);

    int step() const { return step_; }
    int alter() const { return alter_; }
    int octave() const { return octave_; }
    void setOctave(int octave) { octave_ = octave; }

    int midi() const; // may lie outside 0..127 for extreme spellings
    int pitchClass() const { return ((midi() % 12) + 12) % 12; }
    // Diatonic position counting letter steps from C0: used for generic intervals.
    int diatonic() const { return octave_ * 7 + step_; }

    std::string name() const;           // "C#", "E-"
    std::string nameWithOctave() const; // "C#4"
    // Same pitch class with the fewest accidentals (music21's simplifyEnharmonic for
    // MIDI-style spellings): G## -> A, C- -> B, E# -> F; keeps the sounding octave.
    Pitch simplified() const;
    Pitch transposedSemitones(int semitones) const; // respelled the MIDI way

    bool operator==(const Pitch& o) const = default;

private:
    int step_ = 0;
    int alter_ = 0;
    int octave_ = 4;
};

char stepLetter(int step);
int stepPitchClass(int step);

} // namespace jazz::theory
