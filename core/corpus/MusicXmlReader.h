// Reads MusicXML lead sheets (.musicxml, .xml, compressed .mxl): the melody from one part and
// voice, the chords from <harmony> symbols, bar by bar as written (pickups, time-signature
// changes; repeats left unexpanded), into the LeadSheet a MIDI solo gives.
#pragma once

#include "corpus/Import.h"
#include "corpus/LeadSheet.h"

#include <string>
#include <vector>

namespace jazz::corpus {

// By the file name: .musicxml, .mxl, or .xml.
bool isMusicXml(const std::string& path);

// The melody part is options.melodyPart (or, when empty, options.melodyTrack): a part index
// (0-based, in <part-list> order), id ("P1") or name ("Tenor Sax"), optionally ":VOICE"
// ("P1:2"); left empty, a part with chord symbols whose notes sound alone (not a piano playing
// the chords), else the most melodic part, in voice 1. Chords come from options.chordTrack's part,
// else the melody part's <harmony>, else the part with most <harmony> elements, else (no symbols at
// all) the chords the most chordal part plays. The window options apply as for MIDI. Throws
// jazz::Error naming the file and the line and element at fault (or the missing part, voice, melody
// or chords).
LeadSheet readMusicXml(const std::string& path, const ImportOptions& options = {});
// `bytes` may be XML or an .mxl archive.
LeadSheet parseMusicXml(const std::vector<char>& bytes, const std::string& source,
                        const ImportOptions& options = {});

} // namespace jazz::corpus
