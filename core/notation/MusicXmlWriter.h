// Writes a take as a MusicXML lead sheet: the solo as one notated line (notes split at bar
// lines and beats with ties, triplets as tuplets, rests filling the gaps, spelled over the
// chords), the progression as <harmony> chord symbols, the tempo and a title.
#pragma once

#include "generate/Arrangement.h"

#include <string>

namespace jazz::notation {

// Notes are placed on a grid of twelfths of a quarter note (sixteenths, eighth- and
// sixteenth-note triplets); onsets and ends are rounded to it.
constexpr int kDivisions = 12;

// The score as MusicXML 3.1 partwise text.
std::string toMusicXml(const generate::Arrangement& take, const std::string& title);

// Written atomically. Throws jazz::Error naming the file on failure.
void writeMusicXml(const generate::Arrangement& take, const std::string& path,
                   const std::string& title);

} // namespace jazz::notation
