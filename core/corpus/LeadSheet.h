// A solo as the grammar sees it: per measure the melody (notes and rests) and the chords
// whose onsets fall in it, with the story of which tracks they came from.
#pragma once

#include "theory/Chord.h"
#include "theory/ChordSymbol.h"

#include <string>
#include <vector>

namespace jazz::corpus {

struct MelodyEvent {
    enum Kind { Note, Rest, DoubleStop };
    Kind kind = Note;
    double offset = 0;   // quarter notes from the start of the file
    double duration = 0; // quarter notes
    std::vector<int> pitches; // one for a note, several for a double stop, none for a rest
};

struct ChordEvent {
    double offset = 0;
    double duration = 0;
    std::vector<int> pitches; // MIDI numbers in the order the file sounded them

    theory::Chord chord() const { return theory::Chord::fromMidi(pitches); }
    theory::ChordSymbol symbol() const { return theory::ChordSymbol::identify(pitches); }
};

struct Measure {
    int bar = 0;        // bar number from the start of the file, 0-based
    double start = 0;   // quarter notes
    double length = 4;  // quarter notes
    std::vector<MelodyEvent> melody;
    std::vector<ChordEvent> chords; // onsets in this bar; may be empty (the last chord holds)
};

struct TrackInfo {
    int index = 0; // track number in the file, 0-based
    std::string name;
    int channel = 0;
    int program = 0;
    int notes = 0;
    double monophony = 0;  // share of onsets that sound alone
    double chordShare = 0; // share of onsets inside chords of three or more notes
    double meanPitch = 0;
    bool drums = false;
};

struct LeadSheet {
    std::string source;
    std::vector<TrackInfo> tracks;
    int melodyTrack = -1;
    int chordTrack = -1;
    std::string melodyReason;
    std::string chordReason;
    std::string remarks; // what a musician should know about the import (repeats unexpanded)
    double beatsPerBar = 4;
    int melodyVoices = 1;
    int chordGroups = 0; // bars with chord onsets in the window, before trimming to the melody
    std::vector<Measure> measures;
};

} // namespace jazz::corpus
