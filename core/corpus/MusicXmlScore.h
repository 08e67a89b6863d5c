// A MusicXML score as written, read with QXmlStreamReader: each part's notes, chord symbols
// (voiced) and bars, in quarter notes from the start, before any choice of melody or chords.
// MusicXmlReader makes the lead sheet from it.
#pragma once

#include <QByteArray>

#include <string>
#include <vector>

namespace jazz::corpus {

// What one part's <measure>s say, in quarter notes from the start of the score.
struct RawNote {
    double start = 0, duration = 0;
    int pitch = -1; // MIDI, sounding (after <transpose>); -1 for a rest
    std::string voice;
    bool chord = false; // <chord/>: sounds with the note before it
    bool tieStart = false, tieStop = false;
};

struct RawHarmony {
    double start = 0;
    std::vector<int> pitches; // empty for N.C.
};

struct RawMeasure {
    double start = 0, length = 4, nominal = 4;
    std::string number;
};

struct RawPart {
    std::string id, name;
    std::vector<RawNote> notes;
    std::vector<RawHarmony> harmonies;
    std::vector<RawMeasure> measures;
    int skippedHarmonies = 0; // <function> only, or a kind and text we cannot read
};

struct RawScore {
    std::vector<RawPart> parts;
    int repeats = 0, endings = 0;
};

// Partwise scores only. Throws jazz::Error naming `source`, the line and the element at fault.
RawScore parseScore(const QByteArray& xml, const std::string& source);

} // namespace jazz::corpus
