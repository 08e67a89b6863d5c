// The scales the grammar uses, derived from a chord the way music21's Scale.derive does:
// major for major-quality chords, dorian otherwise (for classifying), and deepjazz's weighted
// hexatonic blues (for generating).
#pragma once

#include "theory/Chord.h"
#include "theory/Pitch.h"

#include <random>
#include <string>
#include <vector>

namespace jazz::theory {

enum class ScaleKind { Major, Dorian, HexatonicBlues };

class Scale {
public:
    // The tonic that covers most of the chord's pitch classes; ties go to the higher-sounding
    // tonic in music21's candidate order (B, B-, A, G#, G, F#, F, E, E-, D, D-, C).
    // includeBlueNote decides whether the blues scale's #4 is part of it (music21 draws it at
    // random per traversal; callers pass a seeded draw).
    static Scale derive(ScaleKind kind, const Chord& chord, bool includeBlueNote = true);
    static Scale fromTonic(ScaleKind kind, const Pitch& tonic, bool includeBlueNote = true);

    const Pitch& tonic() const { return tonic_; }
    // One octave from the tonic, spelled step by step as music21 realizes it (a double
    // accidental is respelled the MIDI way): G# major is G# A# B# C# D# E# G A-.
    const std::vector<Pitch>& pitches() const { return pitches_; }
    bool hasName(const std::string& name) const;

private:
    Pitch tonic_;
    std::vector<Pitch> pitches_;
};

// The scale a chord implies for classification: major if the chord is major, else dorian.
Scale scaleForChord(const Chord& chord);

} // namespace jazz::theory
