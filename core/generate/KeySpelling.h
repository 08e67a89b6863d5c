// Transposition spelled for one key: a chart's key is found (the root that sounds longest),
// the target key is the enharmonic with the fewer accidentals (Gb rather than F#, a tie going
// to flats as jazz charts do), and every root and bass moves by the same spelled interval, so
// the F blues up a semitone reads Gb7 Cb7 Gb7 Eb7 Abm7 Db7, all in Gb.
#pragma once

#include "theory/Pitch.h"

#include <string>

namespace jazz::generate {

struct Progression;

class KeyTransposition {
public:
    KeyTransposition(const Progression& source, int semitones);

    // A chord symbol moved and spelled for the target key; unparsable text comes back as is.
    std::string symbol(const std::string& chord) const;
    theory::Pitch sourceTonic() const { return from_; }
    theory::Pitch targetTonic() const { return to_; }
    bool minor() const { return minor_; }
    // The target key's name as a musician writes it: "Gb", "F#m".
    std::string targetKeyName() const;

private:
    theory::Pitch spell(const theory::Pitch& p) const;
    int semitones_ = 0; // 0..11
    int letterSteps_ = 0;
    bool minor_ = false;
    theory::Pitch from_, to_;
};

} // namespace jazz::generate
