#include "TradeCommand.h"

#include "BandCommands.h"
#include "CliSupport.h"
#include "Error.h"
#include "compose/TradeSession.h"
#include "generate/Arrangement.h"
#include "midi/MidiFile.h"
#include "model/ModelFile.h"
#include "playback/Transport.h"

#include <QJsonArray>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <thread>

namespace jazz::app {

namespace {

std::atomic<bool> interrupted{false};

playback::MidiApi apiOption(const QCommandLineParser& p) {
    const QString api = p.value("api");
    if (api.isEmpty())
        return playback::MidiApi::Default;
    if (api == "alsa")
        return playback::MidiApi::Alsa;
    if (api == "jack")
        return playback::MidiApi::Jack;
    throw Error("--api expects 'alsa' or 'jack', got '" + api.toStdString() + "'");
}

QString barRange(int first, int bars) {
    return bars == 1 ? QString::number(first + 1)
                     : QString("%1-%2").arg(first + 1).arg(first + bars);
}

} // namespace

int runTradeCommand(const QStringList& args) {
    const char* usage =
        "jazz-studio trade MODEL --input PORT --output PORT [--bars 2|4|8] [--choruses N] "
        "[--preset P | --chords \"...\"] [--record TAKE.mid] [--starts player|model] "
        "[--tempo BPM] [--seed S] [--api alsa|jack] [--style NAME | --band none] "
        "[--swing R | --quantized] [--count-in 0|1] [--temperature T] [--top-k K] [--verbose] "
        "[--json]";
    QCommandLineParser p;
    p.addOption({"input",
                 "The MIDI input the player plays into (first port whose name "
                 "contains PORT).",
                 "PORT"});
    p.addOption({"output", "The MIDI output the band and the answers play to.", "PORT"});
    p.addOption({"bars", "Bars per turn: 2, 4 or 8 (default 4).", "N"});
    p.addOption({"choruses", "Times through the progression (default 2; 0: until Ctrl+C).", "N"});
    p.addOption({"preset",
                 "A named progression (blues-f, blues-bb, minor-blues, ii-v-i-KEY, "
                 "rhythm-a).",
                 "NAME"});
    p.addOption({"chords", "Chord symbols, bar by bar: \"| Dm7 G7 | Cmaj7 | % |\".", "TEXT"});
    p.addOption({"record", "Write the whole exchange as a take (a MIDI file).", "TAKE.mid"});
    p.addOption({"starts", "Who plays the first turn: player (default) or model.", "WHO"});
    p.addOption({"player-first", "The player starts (the default)."});
    p.addOption({"model-first", "The model starts."});
    p.addOption({"tempo", "Beats per minute (default 160).", "BPM"});
    p.addOption({"seed", "Seed of the model's bars (default 0).", "S"});
    p.addOption({"api", "MIDI system: alsa or jack (default: RtMidi's choice).", "API"});
    p.addOption({"count-in", "1: a bar of sticks before bar 1 (the default); 0: none.", "0|1"});
    p.addOption({"temperature", "Sampling temperature (default: the model's).", "T"});
    p.addOption({"top-k", "Sample only from the k likeliest values (default all).", "K"});
    p.addOption({"verbose", "Print each turn as it closes, with the answer's latency."});
    p.addOption({"json", "Print a JSON summary at the end."});
    addBandOptions(p);
    int code = 0;
    if (!parseArgs(p, args, "trade", usage, 1, 1, &code))
        return code;
    try {
        if (!p.isSet("input") || !p.isSet("output"))
            throw Error("give --input PORT and --output PORT");
        if (p.isSet("preset") == p.isSet("chords"))
            throw Error("give exactly one of --preset or --chords");
        const int turnBars = intOption(p, "bars", 4, 1, 64);
        if (turnBars != 2 && turnBars != 4 && turnBars != 8)
            throw Error("--bars expects 2, 4 or 8 (bars per turn), got " +
                        std::to_string(turnBars));
        bool playerFirst = true;
        if (int(p.isSet("starts")) + int(p.isSet("player-first")) + int(p.isSet("model-first")) > 1)
            throw Error("give one of --starts, --player-first or --model-first");
        if (p.isSet("starts")) {
            const QString who = p.value("starts");
            if (who != "player" && who != "model")
                throw Error("--starts expects 'player' or 'model', got '" + who.toStdString() +
                            "'");
            playerFirst = who == "player";
        }
        if (p.isSet("model-first"))
            playerFirst = false;
        const playback::MidiApi api = apiOption(p);
        const auto m = model::loadModel(p.positionalArguments()[0].toStdString());
        const generate::Progression chorus =
            p.isSet("chords") ? generate::Progression::parse(p.value("chords").toStdString())
                              : generate::Progression::preset(p.value("preset").toStdString());
        const int choruses = intOption(p, "choruses", 2, 0, 100);
        compose::TradeOptions o;
        o.barsPerTurn = turnBars;
        o.endless = choruses == 0;
        o.playerFirst = playerFirst;
        o.seed = uint32_t(intOption(p, "seed", 0, 0, 2147483647));
        o.generate.sampling.temperature =
            doubleOption(p, "temperature", m.defaultTemperature(), 0, 10);
        o.generate.sampling.topK = intOption(p, "top-k", 0, 0, 100000);
        const int countIn = intOption(p, "count-in", 1, 0, 1);

        // The band over every chorus, the solo's track left empty for the answers.
        generate::Arrangement a;
        a.tempo = doubleOption(p, "tempo", 160, 20, 400);
        a.solo.progression = chorus.repeated(std::max(1, choruses)); // 0: looped while playing
        generate::SongOptions played = applyBandOptions(p, a, o.seed);
        if (!played.quantized) // the answers as played (--swing); --quantized: on the grid
            o.performance = a.performance;
        played.quantized = true; // the song's solo track is empty: the answers are queued
        played.countIn = countIn > 0;
        midi::Song song = a.toSong(played);
        o.origin = countIn > 0 ? a.solo.progression.beatsPerBar : 0;

        playback::Transport transport;
        transport.setOutput(playback::Output::midiPort(p.value("output").toStdString(), api));
        transport.setInput(playback::Input::midiPort(p.value("input").toStdString(), api));
        compose::TradeSession session(transport, m, a.solo.progression, song, o);
        interrupted = false;
        std::signal(SIGINT, [](int) { interrupted = true; });
        std::signal(SIGTERM, [](int) { interrupted = true; });
        const bool verbose = p.isSet("verbose");
        if (!p.isSet("json"))
            out() << "Trading " << turnBars << " bars, " << (playerFirst ? "you" : "the model")
                  << " first, "
                  << (choruses ? QString("%1 chorus%2").arg(choruses).arg(choruses > 1 ? "es" : "")
                               : QString("choruses looped"))
                  << " of " << chorus.bars.size() << " bars at " << a.tempo << " bpm"
                  << (countIn ? " after a bar of count-in" : "") << ". Ctrl+C stops.\n"
                  << Qt::flush;
        std::string error;
        if (!session.start(&error))
            throw Error(error);
        int shown = 0;
        while (session.step()) {
            if (interrupted) {
                session.stop();
                break;
            }
            // Turns that closed since the last look, for --verbose.
            for (; verbose && shown < session.closedTurns(); ++shown) {
                const auto& t = session.result().turns[size_t(shown)];
                out() << "bars " << barRange(t.firstBar, t.bars) << ": "
                      << (t.player ? QString("you, %1 notes").arg(t.notes)
                                   : QString("the model, %1 notes, ready in %2 ms (%3 ms late)")
                                         .arg(t.notes)
                                         .arg(t.answerMs, 0, 'f', 1)
                                         .arg(t.lateMs, 0, 'f', 1))
                      << "\n"
                      << Qt::flush;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        const compose::TradeResult& r = session.result();
        if (p.isSet("record"))
            midi::write(compose::takeFile(r, r.played, o.origin), p.value("record").toStdString());
        double worst = 0;
        for (const auto& t : r.turns)
            if (!t.player)
                worst = std::max(worst, t.answerMs);
        if (p.isSet("json")) {
            QJsonArray turns;
            for (const auto& t : r.turns) {
                QJsonObject j{{"bars", barRange(t.firstBar, t.bars)},
                              {"by", t.player ? "player" : "model"},
                              {"notes", t.notes}};
                if (!t.player) {
                    j["answer_ms"] = t.answerMs;
                    j["late_ms"] = t.lateMs;
                }
                turns.append(j);
            }
            QJsonArray bars;
            for (const auto& b : r.bars) {
                QJsonObject j{
                    {"bar", b.bar + 1},
                    {"origin", b.origin == compose::BarOrigin::Recorded ? "recorded" : "generated"},
                    {"notes", b.notes}};
                if (b.origin == compose::BarOrigin::Generated)
                    j["seed"] = qint64(b.seed);
                bars.append(j);
            }
            QJsonObject summary{{"turns", turns},
                                {"bars", bars},
                                {"answer_ms_max", worst},
                                {"notes", int(r.notes.size())}};
            if (p.isSet("record"))
                summary["record"] = p.value("record");
            if (!r.error.empty())
                summary["error"] = QString::fromStdString(r.error);
            out() << json(summary) << "\n";
        } else {
            out() << "Traded " << r.turns.size() << " turns; the model's answers were ready in "
                  << QString::number(worst, 'f', 1) << " ms at most"
                  << (p.isSet("record") ? "; wrote " + p.value("record") : QString()) << "\n";
        }
        if (!r.error.empty()) {
            err() << "jazz-studio trade: " << QString::fromStdString(r.error) << "\n";
            return 1;
        }
        return 0;
    } catch (const Error& e) {
        err() << "jazz-studio trade: " << e.what() << "\n";
        return 1;
    }
}

} // namespace jazz::app
