// What a take knows about each of its bars: the values the model played (or reads) there, the
// seed that played it, where it came from and whether the user locked it. With these a bar can
// be reproduced, redone in place, or continued from as it really is after an edit.
#pragma once

#include "generate/Progression.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace jazz::generate {

struct SoloNote;

// Where a bar's notes came from. Unknown: a take from before bars were recorded (a session of
// format 1 or 2), its values read back from the notes.
enum class BarOrigin { Generated, Edited, Recorded, Primed, Unknown };
std::string originName(BarOrigin o); // "generated", "edited", "recorded", "primed", "unknown"
std::optional<BarOrigin> parseOrigin(const std::string& name);

struct TakeBar {
    // The grammar's values for the bar: as sampled for a generated bar, else the bar's notes
    // encoded (encodeBar). They prime the model when a later bar is redone or the take goes on.
    std::vector<std::string> values;
    uint32_t seed = 0; // the seed that played it (Improviser::nextBar); 0 for other origins
    BarOrigin origin = BarOrigin::Generated;
    bool locked = false; // never changed by Generate, Regenerate or Continue
    bool operator==(const TakeBar&) const = default;
};

// Bar `bar` of a take (notes from the take's start; those starting in the bar are its own) as
// the grammar reads it: read on its own, as the Improviser plays a bar. Onsets and ends are
// snapped to the twelfth-of-a-beat grid (the corpus import's), a later onset cuts the note
// before it (of notes starting together the highest is kept: the line's top voice), rests fill
// the gaps from bar line to bar line, and grammar::encodeMeasure classifies the notes over the
// bar's chords (the chord before it holding when it has none). Values as strings.
std::vector<std::string> encodeBar(const Progression& progression,
                                   const std::vector<SoloNote>& notes, int bar);

} // namespace jazz::generate
