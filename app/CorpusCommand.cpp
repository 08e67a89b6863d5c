#include "CorpusCommand.h"

#include "CliSupport.h"
#include "Error.h"
#include "corpus/Import.h"
#include "corpus/MusicXmlReader.h"
#include "dataset/Vocabulary.h"
#include "grammar/Encoder.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <map>

namespace jazz::app {

namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }

QJsonArray toJson(const std::vector<std::string>& values) {
    QJsonArray a;
    for (const auto& v : values)
        a.append(qs(v));
    return a;
}

} // namespace

int runCorpusCommand(const QStringList& arguments) {
    QTextStream out(stdout), err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Import a MIDI solo or a MusicXML lead sheet and encode it with the abstract melody "
        "grammar.");
    parser.addPositionalArgument("FILE",
                                 "A Standard MIDI File, or MusicXML (.musicxml, .xml, .mxl).");
    addCorpusOptions(parser);
    parser.addOption({"json", "Print one JSON object."});
    parser.addHelpOption();
    if (!parser.parse(arguments)) {
        err << "jazz-studio corpus: " << parser.errorText() << "\n";
        return 2;
    }
    if (parser.isSet("help")) {
        out << parser.helpText();
        return 0;
    }
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 1) {
        err << "jazz-studio corpus: expected one MIDI or MusicXML file\n"
            << "usage: jazz-studio corpus FILE [--melody-track T] [--chord-track T] "
               "[--melody-part P] [--window A:B] [--chords TEXT | --chords-file F] [--json]\n";
        return 2;
    }
    const std::string path = pos[0].toStdString();
    try {
        const corpus::ImportOptions options = corpusOptions(parser);
        const corpus::LeadSheet sheet = corpus::importLeadSheet(path, options);
        const auto encoded = grammar::encode(sheet);
        std::vector<std::string> corpus;
        std::map<char, int> typeCounts;
        for (const auto& measure : encoded)
            for (const auto& v : measure) {
                corpus.push_back(v.toString());
                ++typeCounts[char(v.type)];
            }
        const auto vocabulary = dataset::Vocabulary::fromCorpus(corpus);
        const auto& melody = sheet.tracks[size_t(sheet.melodyTrack)];
        // Changes given as text (--chords) stand for the chord track.
        corpus::TrackInfo chords;
        chords.index = -1;
        if (sheet.chordTrack >= 0)
            chords = sheet.tracks[size_t(sheet.chordTrack)];

        if (parser.isSet("json")) {
            QJsonObject o;
            o["file"] = qs(path);
            QJsonArray tracks;
            for (const auto& t : sheet.tracks) {
                QJsonObject j;
                j["index"] = t.index;
                j["name"] = qs(t.name);
                j["notes"] = t.notes;
                j["channel"] = t.channel + 1;
                j["program"] = t.program;
                j["monophony"] = t.monophony;
                j["chord_share"] = t.chordShare;
                j["mean_pitch"] = t.meanPitch;
                j["drums"] = t.drums;
                tracks.append(j);
            }
            o["tracks"] = tracks;
            o["melody_track"] = melody.index;
            o["melody_track_name"] = qs(melody.name);
            o["melody_reason"] = qs(sheet.melodyReason);
            o["chord_track"] = chords.index;
            o["chord_track_name"] = qs(chords.name);
            o["chord_reason"] = qs(sheet.chordReason);
            if (options.windowStart)
                o["window"] = QJsonArray{*options.windowStart, *options.windowEnd};
            o["beats_per_bar"] = sheet.beatsPerBar;
            if (!sheet.remarks.empty())
                o["remarks"] = qs(sheet.remarks);
            o["melody_voices"] = sheet.melodyVoices;
            o["chord_groups"] = sheet.chordGroups;
            QJsonArray measures;
            for (size_t i = 0; i < sheet.measures.size(); ++i) {
                const auto& m = sheet.measures[i];
                QJsonObject j;
                j["bar"] = m.bar + 1;
                j["start"] = m.start;
                QJsonArray symbols;
                for (const auto& c : m.chords)
                    symbols.append(qs(c.symbol().toString()));
                j["chords"] = symbols;
                std::vector<std::string> values;
                for (const auto& v : encoded[i])
                    values.push_back(v.toString());
                j["values"] = toJson(values);
                measures.append(j);
            }
            o["measures"] = measures;
            o["corpus"] = toJson(corpus);
            o["corpus_length"] = int(corpus.size());
            o["vocabulary"] = toJson(vocabulary.values());
            o["vocabulary_size"] = vocabulary.size();
            QJsonObject types;
            for (const auto& [t, n] : typeCounts)
                types[QString(QChar(t))] = n;
            o["value_types"] = types;
            out << QJsonDocument(o).toJson(QJsonDocument::Compact) << "\n";
            return 0;
        }

        out << "File: " << qs(path) << "\n\nTracks:\n";
        out << "  idx  name                      notes  ch  prog  alone  chords  mean\n";
        for (const auto& t : sheet.tracks) {
            if (t.notes == 0)
                continue;
            out << "  " << qSetFieldWidth(3) << t.index << qSetFieldWidth(0) << "  "
                << qs(t.name).leftJustified(24, ' ', true) << qSetFieldWidth(7) << t.notes
                << qSetFieldWidth(4) << t.channel + 1 << qSetFieldWidth(6) << t.program
                << qSetFieldWidth(6) << QString::number(qRound(t.monophony * 100)) + "%"
                << qSetFieldWidth(8) << QString::number(qRound(t.chordShare * 100)) + "%"
                << qSetFieldWidth(6) << QString::number(t.meanPitch, 'f', 0)
                << qSetFieldWidth(0) << (t.drums ? "  drums" : "") << "\n";
        }
        const char* unit = corpus::isMusicXml(path) ? "part " : "track ";
        out << "\nMelody: " << unit << melody.index << " \"" << qs(melody.name) << "\" ("
            << qs(sheet.melodyReason) << ")\n";
        if (chords.index >= 0)
            out << "Chords: " << unit << chords.index << " \"" << qs(chords.name) << "\" ("
                << qs(sheet.chordReason) << ")\n";
        else
            out << "Chords: " << qs(sheet.chordReason) << "\n";
        if (options.windowStart)
            out << "Window: quarter notes " << *options.windowStart << " to " << *options.windowEnd
                << "\n";
        out << "Measures: " << sheet.measures.size() << " of " << sheet.beatsPerBar
            << " beats (melody in " << sheet.melodyVoices << " voice"
            << (sheet.melodyVoices == 1 ? "" : "s")
            << " merged); chord groups in range: " << sheet.chordGroups << "\n";
        if (!sheet.remarks.empty())
            out << "Note: " << qs(sheet.remarks) << "\n";
        out << "\n";
        for (const auto& m : sheet.measures) {
            out << "  bar " << qSetFieldWidth(4) << m.bar + 1 << qSetFieldWidth(0) << ":";
            for (const auto& c : m.chords)
                out << " " << qs(c.symbol().toString());
            if (m.chords.empty())
                out << " (chord held)";
            out << "\n";
        }
        out << "\nCorpus: " << corpus.size() << " values (";
        bool first = true;
        for (char t : {'C', 'S', 'A', 'X', 'R'}) {
            out << (first ? "" : ", ") << t << " " << typeCounts[t];
            first = false;
        }
        out << "); vocabulary: " << vocabulary.size() << " unique values\n\nFirst measures:\n";
        for (size_t i = 0; i < encoded.size() && i < 3; ++i) {
            out << "  bar " << sheet.measures[i].bar + 1 << ":";
            for (const auto& v : encoded[i])
                out << " " << qs(v.toString());
            out << "\n";
        }
        return 0;
    } catch (const Error& e) {
        err << "jazz-studio corpus: " << e.what() << "\n";
        return 1;
    }
}

} // namespace jazz::app
