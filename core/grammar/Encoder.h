// Encodes measures of a lead sheet into abstract-grammar values, exactly as the notebook's
// parse_melody does (Keller & Morrison; Gillick, Tang, Keller 2009).
#pragma once

#include "corpus/LeadSheet.h"
#include "grammar/Value.h"

#include <optional>
#include <vector>

namespace jazz::grammar {

// Classifies a spelled pitch name against a chord: C if the chord has that name, S if its
// derived scale (major for a major chord, dorian otherwise) does, A if it lies a semitone from
// a chord tone, else X.
ToneType classify(const theory::Pitch& pitch, const theory::Chord& chord);

// One measure's values. Each element is classified against the last chord whose onset is at or
// before it; an element before the measure's first chord uses that chord (deepjazz moves it to
// the bar start). A measure with no chord of its own uses `heldChord` (the chord still
// sounding from before); double stops are skipped, as the notebook drops chords from the melody.
std::vector<Value> encodeMeasure(const corpus::Measure& measure,
                                 const std::optional<theory::Chord>& heldChord = std::nullopt);

// All measures in order, each measure's held chord being the last chord before it.
std::vector<std::vector<Value>> encode(const corpus::LeadSheet& sheet);

} // namespace jazz::grammar
