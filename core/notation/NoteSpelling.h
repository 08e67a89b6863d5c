// Spells sounding pitches for a lead sheet the way a jazz player reads them: over a chord, by
// their function above its root (Db, not C#, as the b9 of C7; F#, not Gb, as the 3rd of D7);
// with no chord, with the flats of the jazz keys.
#pragma once

#include "theory/ChordSymbol.h"
#include "theory/Pitch.h"

namespace jazz::notation {

// `chord` may be N.C. (no chord): then the plain lead-sheet spelling (Db Eb F# Ab Bb).
theory::Pitch spellOver(int midi, const theory::ChordSymbol& chord);

} // namespace jazz::notation
