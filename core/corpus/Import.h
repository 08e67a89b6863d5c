// Imports a MIDI file into a LeadSheet: picks (or takes) the melody and chord tracks, reads
// them as music21 would, keeps an optional window, and splits into measures.
#pragma once

#include "Error.h"
#include "corpus/LeadSheet.h"
#include "midi/MidiFile.h"

#include <optional>
#include <string>

namespace jazz::corpus {

struct ImportOptions {
    std::string melodyTrack; // index or name; empty: choose automatically
    std::string chordTrack;  // index or name; empty: choose automatically
    // MusicXML: the melody's part (index, id or name) and optionally ":VOICE"; empty: the
    // melody track's value, else automatic (see MusicXmlReader.h).
    std::string melodyPart;
    // Keep elements whose onsets lie in [windowStart, windowEnd] quarter notes (closed, as the
    // notebook's getElementsByOffset(476, 548, includeEndBoundary=True)).
    std::optional<double> windowStart;
    std::optional<double> windowEnd;
    // The changes for a melody-only file, bar by bar as generate::Progression::parse reads
    // them ("| Dm7 G7 | Cmaj7 |"): they replace the chord track, placed over the melody's bars
    // from its first bar. Their bar count must match the bars the melody spans (a pickup bar
    // may be left out: it sounds over the changes' last bar).
    std::string chords;
};

// Thrown when a file has a melody but no chords to learn it over: the studio then asks for
// the changes instead of refusing the file.
class NoChordsError : public Error {
public:
    using Error::Error;
};

// Throws jazz::Error naming the file and the fault (unreadable MIDI, unknown track, a file
// with no melody, an empty window, changes whose bar count does not fit the melody), and
// NoChordsError for a file with no chords when no changes are given. MusicXML files (by name,
// see isMusicXml) go to readMusicXml.
LeadSheet importLeadSheet(const std::string& path, const ImportOptions& options = {});
LeadSheet importLeadSheet(const midi::File& file, const std::string& source,
                          const ImportOptions& options = {});

// A corpus file of any kind: a MIDI or MusicXML file gives one lead sheet, a text corpus (.txt,
// the bundled format) one per tune. Track, part and window options apply to MIDI and MusicXML.
std::vector<LeadSheet> loadLeadSheets(const std::string& path, const ImportOptions& options = {});
bool isTextCorpus(const std::string& path);

// The notebook's settings for original_metheny.mid: melody "Guitar", chords "Piano", onsets in
// quarter notes 476..548.
ImportOptions notebookMethenyOptions();

// Parses "A:B" (quarter notes); throws jazz::Error on bad input.
std::pair<double, double> parseWindow(const std::string& text);

} // namespace jazz::corpus
