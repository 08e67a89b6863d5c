#include "ModelCommands.h"

#include "BandCommands.h"
#include "CliSupport.h"
#include "Error.h"
#include "chart/IRealPro.h"
#include "dataset/Collection.h"
#include "dataset/Dataset.h"
#include "dataset/TrainingCorpus.h"
#include "generate/Arrangement.h"
#include "generate/Continuation.h"
#include "midi/MidiFile.h"
#include "model/ModelFile.h"
#include "model/Trainer.h"
#include "notation/MusicXmlWriter.h"
#include "render/Renderer.h"
#include "studio/GenerationJob.h"
#include "studio/TrainingJob.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

#include <algorithm>
#include <cctype>
#include <optional>

namespace jazz::app {

namespace {

std::optional<int> optionalInt(const QCommandLineParser& p, const char* name, int lo, int hi) {
    if (!p.isSet(name))
        return std::nullopt;
    return intOption(p, name, 0, lo, hi);
}

std::optional<double> optionalDouble(const QCommandLineParser& p, const char* name, double lo,
                                     double hi) {
    if (!p.isSet(name))
        return std::nullopt;
    return doubleOption(p, name, 0, lo, hi);
}

QJsonValue lossOrNull(double loss) { return loss >= 0 ? QJsonValue(loss) : QJsonValue(); }

// --chords-from: a link given as is, or a file (an exported .html or a text file) holding one.
generate::Progression iRealProgression(const std::string& linkOrFile, const std::string& tune) {
    std::string link = linkOrFile;
    if (!chart::isIRealLink(linkOrFile)) {
        QFile f(QString::fromStdString(linkOrFile));
        if (!f.open(QIODevice::ReadOnly))
            throw Error(
                "--chords-from: '" + linkOrFile +
                "' is neither an iReal Pro link (irealb://, irealbook://) nor a readable file");
        const std::string text = f.read(8 << 20).toStdString();
        size_t at = text.find("irealb");
        if (at == std::string::npos)
            throw Error(linkOrFile + ": holds no iReal Pro link (irealb:// or irealbook://)");
        // A link ends at a quote, an angle bracket or white space (as in iReal's HTML export).
        const size_t end = text.find_first_of("\"'<> \t\r\n", at);
        link = text.substr(at, end == std::string::npos ? std::string::npos : end - at);
    }
    const auto list = chart::decodeIRealLink(link);
    return chart::pickIRealTune(list, tune).progression();
}

// The chords as --chords, --preset, --chords-from or --corpus-chords give them.
generate::Progression chosenProgression(const QCommandLineParser& p, const model::TrainedModel& m) {
    if (p.isSet("chords"))
        return generate::Progression::parse(p.value("chords").toStdString());
    if (p.isSet("preset"))
        return generate::Progression::preset(p.value("preset").toStdString());
    if (p.isSet("chords-from"))
        return iRealProgression(p.value("chords-from").toStdString(),
                                p.value("tune").toStdString());
    return generate::corpusProgression(m);
}

// --bars A:B, 1-based and inclusive, as 0-based bars of a take of `bars` bars.
std::pair<int, int> barRange(const std::string& text, int bars, const std::string& take) {
    const auto colon = text.find(':');
    auto number = [](const std::string& s) {
        if (s.empty() || s.size() > 6 || !std::all_of(s.begin(), s.end(), ::isdigit))
            return -1;
        return std::stoi(s);
    };
    const int a = colon == std::string::npos ? -1 : number(text.substr(0, colon));
    const int b = colon == std::string::npos ? -1 : number(text.substr(colon + 1));
    if (a < 1 || b < 1)
        throw Error("--bars expects A:B, bar numbers from 1 (\"5:8\"), got '" + text + "'");
    if (a > b)
        throw Error("--bars " + text + ": the first bar comes after the last");
    if (b > bars)
        throw Error("--bars " + text + ": " + take + " has " + std::to_string(bars) +
                    " bars (1:" + std::to_string(bars) + ")");
    return {a - 1, b - 1};
}

} // namespace

int runTrainCommand(const QStringList& args) {
    const char* usage =
        "jazz-studio train [FILE|FOLDER...] [--melody-track T] [--chord-track T] [--melody-part P] "
        "[--window A:B] [--chords TEXT | --chords-file F] "
        "[--all-keys] [--strict] [--recipe notebook|collection] [--epochs N] [--minutes M] "
        "[--seed S] [--windows N|all] [--hidden N] [--tx N] [--learning-rate LR] [--dropout P] "
        "[--validation F] [--patience N] [--chord-aware|--no-chord-aware] [--json] -o MODEL\n\n"
        "Files and folders (searched recursively for .mid, .midi, .txt, .musicxml, .xml and .mxl) are read on two "
        "threads; a file that cannot be used is skipped with its reason (--strict: it is an "
        "error). With no files, the bundled corpus.\n"
        "Recipes: 'notebook' (the notebook's: 60 random windows of 30, Adam 0.01 with Keras's "
        "decay, summed loss, hidden 64) is the default for up to 10 files and 5,000 values; "
        "'collection' (every value once an epoch in windows of 32, warm-up then cosine from "
        "0.01, dropout 0.25, gradient clipping, hidden 128, chord-aware, 10% of the files held "
        "out for validation, early stopping after 8 epochs without improvement, the best epoch's "
        "weights kept, an n-gram baseline) is the default for more than 10 files or more than "
        "5,000 values.";
    QCommandLineParser p;
    addCorpusOptions(p);
    p.addOption({"recipe", "notebook or collection (default: by corpus size, see above).", "R"});
    p.addOption({"strict", "Any file that cannot be used is an error."});
    p.addOption({"epochs", "Epochs (default 100).", "N"});
    p.addOption({"minutes", "Time budget: stop after the epoch that crosses it.", "M"});
    p.addOption({"seed", "Seed for windows, weights, validation split and shuffling (default 0).",
                 "S"});
    p.addOption({"windows", "Notebook recipe: random training windows, or 'all' (default 60).",
                 "N"});
    p.addOption({"hidden", "LSTM hidden size n_a (default 64; collection 128).", "N"});
    p.addOption({"tx", "Window length Tx (default 30; collection 32).", "N"});
    p.addOption({"learning-rate", "Adam learning rate (default 0.01, both recipes).", "LR"});
    p.addOption({"dropout", "Dropout on the LSTM output (default 0; collection 0.25).", "P"});
    p.addOption({"validation", "Share of files held out for validation (default 0; collection "
                               "0.1).",
                 "F"});
    p.addOption({"patience", "Stop after N epochs without a better validation loss (collection "
                             "default 8; 0: never).",
                 "N"});
    p.addOption({"all-keys", "With the bundled corpus: every tune in all 12 keys."});
    p.addOption({"chord-aware", "Also feed the model each step's chord and bar position "
                                "(the collection recipe's default)."});
    p.addOption({"no-chord-aware", "The melody values alone (the notebook recipe's default)."});
    p.addOption({"json", "One JSON object per epoch, then a summary object."});
    p.addOption({{"o", "output"}, "The model file to write.", "MODEL"});
    int code = 0;
    if (!parseArgs(p, args, "train", usage, 0, 100000, &code))
        return code;
    try {
        if (!p.isSet("output"))
            throw Error("missing -o MODEL");
        studio::TrainingPlan plan;
        if (p.isSet("recipe"))
            plan.recipe = studio::parseRecipe(p.value("recipe").toStdString());
        plan.epochs = optionalInt(p, "epochs", 0, 100000);
        plan.minutes = doubleOption(p, "minutes", 0, 0, 1e6);
        plan.seed = uint32_t(intOption(p, "seed", 0, 0, 2147483647));
        plan.learningRate = optionalDouble(p, "learning-rate", 1e-6, 1.0);
        plan.hidden = optionalInt(p, "hidden", 1, 1024);
        plan.tx = optionalInt(p, "tx", 2, 1000);
        if (p.isSet("windows"))
            plan.windows = p.value("windows") == "all" ? 0 : intOption(p, "windows", 60, 1, 1000000);
        plan.dropout = optionalDouble(p, "dropout", 0, 0.95);
        plan.validation = optionalDouble(p, "validation", 0, 0.9);
        plan.patience = optionalInt(p, "patience", 0, 100000);
        if (p.isSet("chord-aware") && p.isSet("no-chord-aware"))
            throw Error("give --chord-aware or --no-chord-aware, not both");
        if (p.isSet("chord-aware") || p.isSet("no-chord-aware"))
            plan.chordAware = p.isSet("chord-aware");
        const bool asJson = p.isSet("json");

        std::vector<std::string> paths;
        for (const QString& f : p.positionalArguments())
            paths.push_back(f.toStdString());
        QElapsedTimer reading; // --minutes bounds the whole run, reading the files included
        reading.start();
        dataset::CollectionReport report;
        dataset::TrainingCorpus corpus;
        int files = 0;
        if (paths.empty()) { // no files: the corpus the studio ships
            corpus = dataset::bundledTrainingCorpus(p.isSet("all-keys"));
            files = 1;
        } else {
            dataset::CollectionOptions co;
            co.import = corpusOptions(p);
            co.strict = p.isSet("strict");
            int lastShown = 0;
            co.progress = [&](int done, int total) {
                // A line every few hundred files, on stderr (stdout may be JSON).
                if (total >= 200 && (done - lastShown >= 200 || (done == total && lastShown < done))) {
                    err() << "read " << done << "/" << total << " files\n" << Qt::flush;
                    lastShown = done;
                }
            };
            corpus = dataset::loadCollection(paths, co, &report);
            files = int(report.used.size());
        }
        plan.minutesAlreadySpent = double(reading.elapsed()) / 60000.0;
        const auto recipe = plan.recipe.value_or(studio::defaultRecipe(files, corpus.values.size()));
        plan.recipe = recipe;
        if (!asJson) {
            out() << "Corpus: " << corpus.values.size() << " values, " << corpus.chords.size()
                  << " measures";
            if (!paths.empty())
                out() << ", " << report.used.size() << " of " << report.files() << " files used";
            out() << "\n";
            for (const auto& s : report.skipped)
                out() << "  skipped " << QString::fromStdString(s.file) << ": "
                      << QString::fromStdString(s.reason) << "\n";
            out() << "Recipe: " << QString::fromStdString(studio::recipeName(recipe)) << "\n"
                  << Qt::flush;
        }
        int epochs = plan.epochs.value_or(studio::recipeDefaults(recipe).epochs);
        const auto outcome = studio::runTraining(
            corpus, files, plan, [&](const model::EpochReport& r) {
                if (asJson)
                    out() << json({{"epoch", r.epoch},
                                   {"loss", r.loss},
                                   {"val_loss", lossOrNull(r.valLoss)},
                                   {"lr", r.learningRate},
                                   {"seconds", r.elapsedSeconds},
                                   {"accuracy", r.accuracy},
                                   {"learning_rate", r.learningRate},
                                   {"elapsed_s", r.elapsedSeconds}})
                          << "\n" << Qt::flush;
                else
                    out() << QString("epoch %1/%2  loss %3%4  accuracy %5  lr %6  %7 s\n")
                                 .arg(r.epoch)
                                 .arg(epochs)
                                 .arg(r.loss, 0, 'f', 3)
                                 .arg(r.valLoss >= 0
                                          ? QString("  validation %1").arg(r.valLoss, 0, 'f', 3)
                                          : QString())
                                 .arg(r.accuracy, 0, 'f', 3)
                                 .arg(r.learningRate, 0, 'g', 4)
                                 .arg(r.elapsedSeconds, 0, 'f', 2)
                          << Qt::flush;
            });
        model::saveModel(outcome.model, p.value("output").toStdString());
        auto s = outcome.summary;
        s.seconds = double(reading.elapsed()) / 1000.0; // the whole run: reading, training, saving
        if (asJson) {
            QJsonArray skipped;
            for (const auto& f : report.skipped)
                skipped.append(QJsonObject{{"file", QString::fromStdString(f.file)},
                                           {"reason", QString::fromStdString(f.reason)}});
            out() << json({{"files_used", files},
                           {"files_skipped", skipped},
                           {"values", qint64(s.values)},
                           {"vocabulary", s.vocabulary},
                           {"corpus_vocabulary", corpus.vocabulary.size()},
                           {"recipe", QString::fromStdString(studio::recipeName(s.recipe))},
                           {"best_epoch", s.bestEpoch},
                           {"val_loss_per_value", lossOrNull(s.valLoss)},
                           {"ngram_val_loss_per_value", lossOrNull(s.ngramValLoss)},
                           {"ngram_order", s.ngramOrder},
                           {"validation_files", s.validationPieces},
                           {"seconds", s.seconds},
                           {"model", p.value("output")}})
                  << "\n";
        } else {
            if (s.valLoss >= 0)
                out() << "Validation loss per value: " << QString::number(s.valLoss, 'f', 3)
                      << " (LSTM, epoch " << s.bestEpoch << ") against "
                      << QString::number(s.ngramValLoss, 'f', 3) << " (" << s.ngramOrder
                      << "-gram, Kneser-Ney) on " << s.validationPieces << " held-out pieces\n";
            out() << "Saved " << p.value("output") << " (" << outcome.model.model.parameterCount()
                  << " parameters, vocabulary " << s.vocabulary << ", "
                  << QString::number(s.seconds, 'f', 1) << " s)\n";
        }
        return 0;
    } catch (const Error& e) {
        err() << "jazz-studio train: " << e.what() << "\n";
        return 1;
    }
}

int runGenerateCommand(const QStringList& args) {
    const char* usage =
        "jazz-studio generate MODEL (--chords \"...\" | --preset NAME | "
        "--corpus-chords | --chords-from LINK_OR_FILE [--tune N|NAME]) [--choruses N] "
        "[--temperature T] [--top-k K] [--seed S] [--tempo BPM] [--notebook] "
        "[--style NAME | --band none] [--swing R] [--quantized] -o SOLO.mid [--wav SOLO.wav] "
        "[--soundfont F] [--musicxml TAKE.musicxml] [--title T] [--json]\n"
        "       jazz-studio generate MODEL (chords as above) --prime PHRASE.mid [options]\n"
        "       jazz-studio generate MODEL --from TAKE.mid --bars A:B [--seed S] [options]";
    QCommandLineParser p;
    p.addOption({"chords", "Chord symbols, bar by bar: \"| Dm7 G7 | Cmaj7 | % |\".", "TEXT"});
    p.addOption({"preset", "A named progression (blues-f, blues-bb, minor-blues, ii-v-i-KEY, "
                           "rhythm-a).",
                 "NAME"});
    p.addOption({"corpus-chords", "The model's own corpus chords."});
    p.addOption({"chords-from",
                 "An iReal Pro link (irealb:// or irealbook://), or a file holding "
                 "one: its tune's changes, form played through.",
                 "LINK_OR_FILE"});
    p.addOption(
        {"tune", "With --chords-from a playlist: the tune, by number from 1 or title.", "N|NAME"});
    p.addOption({"prime",
                 "Continue this phrase (a MIDI file, melody over chords): its bars "
                 "come first, unchanged, then the chords' bars, the model primed with it.",
                 "PHRASE.mid"});
    p.addOption({"from",
                 "Regenerate --bars of this take (a MIDI file written by generate); "
                 "every other bar keeps its notes.",
                 "TAKE.mid"});
    p.addOption({"bars", "With --from: the bars to regenerate, A:B from 1, inclusive.", "A:B"});
    p.addOption({"choruses", "Times through the progression (default 1).", "N"});
    p.addOption({"temperature", "Sampling temperature; 0 = argmax (default 0.5; 1 for a collection model).", "T"});
    p.addOption({"top-k", "Sample only from the k likeliest values (default all).", "K"});
    p.addOption({"seed", "Seed (default 0).", "S"});
    p.addOption({"tempo", "Beats per minute (default 130).", "BPM"});
    p.addOption({"notebook", "Generate exactly as the notebook does (A and X read as C, every "
                             "bar restarted with C,0.25) instead of the studio's decoding."});
    p.addOption({"wav", "Also render a WAV file.", "SOLO.wav"});
    p.addOption({"soundfont", "SoundFont for --wav.", "F"});
    p.addOption({"musicxml", "Also write the take as a MusicXML lead sheet.", "TAKE.musicxml"});
    p.addOption({"title", "The lead sheet's title (default: the MusicXML file's name).", "T"});
    p.addOption({"json", "Print a JSON summary."});
    p.addOption({{"o", "output"}, "The MIDI file to write.", "SOLO.mid"});
    addBandOptions(p);
    int code = 0;
    if (!parseArgs(p, args, "generate", usage, 1, 1, &code))
        return code;
    try {
        if (!p.isSet("output") && !p.isSet("musicxml"))
            throw Error("missing -o SOLO.mid (or --musicxml TAKE.musicxml)");
        const int sources = int(p.isSet("chords")) + int(p.isSet("preset")) +
                            int(p.isSet("corpus-chords")) + int(p.isSet("chords-from"));
        const bool fromTake = p.isSet("from");
        if (fromTake && (sources > 1 || p.isSet("prime") || p.isSet("choruses")))
            throw Error("--from plays over the take's own chords (or one of --chords, --preset, "
                        "--corpus-chords, --chords-from with as many bars): leave out --choruses "
                        "and --prime");
        if (p.isSet("bars") != fromTake)
            throw Error(fromTake ? "--from needs --bars A:B (the bars to regenerate)"
                                 : "--bars needs --from TAKE.mid");
        if (!fromTake && sources != 1)
            throw Error("give exactly one of --chords, --preset, --corpus-chords or --chords-from");
        if (p.isSet("tune") && !p.isSet("chords-from"))
            throw Error("--tune picks a tune of --chords-from's playlist");
        const auto m = model::loadModel(p.positionalArguments()[0].toStdString());
        generate::GenerateOptions g =
            p.isSet("notebook") ? generate::notebookGeneration() : generate::GenerateOptions{};
        g.sampling.temperature = doubleOption(p, "temperature", m.defaultTemperature(), 0, 10);
        g.sampling.topK = intOption(p, "top-k", 0, 0, 100000);
        g.seed = uint32_t(intOption(p, "seed", 0, 0, 2147483647));
        generate::Arrangement a;
        a.tempo = doubleOption(p, "tempo", 130, 20, 400);
        // The swing a take was played with, to read it back onto the grid (as --swing and the
        // tempo set it now; a --quantized take is read exactly).
        perform::PerformOptions asked;
        asked.swing = doubleOption(p, "swing", 0, 1, 3);
        if (fromTake) {
            const std::string takePath = p.value("from").toStdString();
            const midi::Song takeSong = midi::toSong(midi::read(takePath));
            if (!p.isSet("tempo"))
                a.tempo = takeSong.bpm; // the take's own tempo
            auto take = generate::readPhrase(takePath, perform::swingRatio(asked, takeSong.bpm));
            // A solo Jazz Studio did not write (a transcription, a player's own file) is kept
            // as it was played: its other bars are not read onto a grid and performed again,
            // they come out note for note as in the file.
            const bool asPlayed = !take.studioTake;
            if (asPlayed)
                take = generate::readPhrase(takePath);
            if (sources == 1) { // the changes as written: a band's voicings read back are not
                const auto prog = chosenProgression(p, m);
                if (prog.bars.size() != take.chords.bars.size())
                    throw Error("--from " + takePath + " has " + std::to_string(take.bars()) +
                                " bars, the chords " + std::to_string(prog.bars.size()));
                take.chords.bars = prog.bars;
            }
            const auto [first, last] =
                barRange(p.value("bars").toStdString(), take.bars(), takePath);
            studio::GenerationPlan plan;
            plan.kind = studio::GenerationKind::Regenerate;
            plan.options = g;
            plan.take = generate::takeFromPhrase(
                take, asPlayed ? generate::BarOrigin::Primed : generate::BarOrigin::Unknown);
            plan.first = first;
            plan.last = last;
            a.solo = studio::runGeneration(m, plan);
        } else {
            studio::GenerationPlan plan;
            plan.options = g;
            plan.progression =
                chosenProgression(p, m).repeated(intOption(p, "choruses", 1, 1, 100));
            if (p.isSet("prime")) {
                const std::string phrasePath = p.value("prime").toStdString();
                const auto phrase = generate::readPhrase(phrasePath);
                if (phrase.chords.beatsPerBar != plan.progression.beatsPerBar)
                    throw Error(phrasePath + ": the phrase has " +
                                QString::number(phrase.chords.beatsPerBar).toStdString() +
                                " beats a bar, the chords " +
                                QString::number(plan.progression.beatsPerBar).toStdString());
                plan.kind = studio::GenerationKind::Continue;
                plan.take = generate::takeFromPhrase(phrase, generate::BarOrigin::Primed);
            }
            a.solo = studio::runGeneration(m, plan);
        }
        const generate::SongOptions played = applyBandOptions(p, a, g.seed);
        const std::string midPath = p.value("output").toStdString();
        if (!midPath.empty())
            generate::writeMidi(a, midPath, played);
        if (p.isSet("wav")) {
            render::RenderOptions r;
            r.soundFont = p.value("soundfont").toStdString();
            render::writeWav(render::renderSong(a.toSong(played), r), p.value("wav").toStdString());
        }
        if (p.isSet("musicxml"))
            notation::writeMusicXml(a, p.value("musicxml").toStdString(),
                                    (p.isSet("title")
                                         ? p.value("title")
                                         : QFileInfo(p.value("musicxml")).completeBaseName())
                                        .toStdString());
        if (p.isSet("json")) {
            QJsonArray bars;
            for (int b = 0; b < int(a.solo.bars.size()); ++b) {
                const auto& r = a.solo.bars[size_t(b)];
                bars.append(QJsonObject{{"bar", b + 1},
                                        {"values", int(r.values.size())},
                                        {"notes", a.solo.notesInBar(b)},
                                        {"seed", qint64(r.seed)},
                                        {"origin", QString::fromStdString(
                                                       generate::originName(r.origin))}});
            }
            QJsonObject summary{{"bars", bars},
                                {"notes", int(a.solo.notes.size())},
                                {"seconds", a.lengthSeconds()}};
            if (!midPath.empty())
                summary["midi"] = QString::fromStdString(midPath);
            if (p.isSet("musicxml"))
                summary["musicxml"] = p.value("musicxml");
            const QJsonObject band = bandSummary(a);
            for (auto it = band.begin(); it != band.end(); ++it)
                summary.insert(it.key(), it.value());
            out() << json(summary) << "\n";
        } else {
            for (int b = 0; b < int(a.solo.bars.size()); ++b) {
                const auto& r = a.solo.bars[size_t(b)];
                out() << "bar " << b + 1 << ": " << a.solo.notesInBar(b) << " notes from "
                      << r.values.size() << " values"
                      << (r.origin == generate::BarOrigin::Generated
                              ? QString()
                              : " (" + QString::fromStdString(generate::originName(r.origin)) +
                                    ", kept)")
                      << "\n";
            }
            QStringList parts;
            for (const auto& t : a.band)
                parts << QString::fromStdString(t.name);
            out() << "Band: "
                  << (a.band.empty() ? QString("none (block chords)")
                                     : QString::fromStdString(a.style) + ": " + parts.join(", "))
                  << "; solo swing "
                  << (played.quantized ? QString("none (quantized)")
                                       : QString::number(perform::swingRatio(a.performance, a.tempo),
                                                         'f', 2) +
                                             ":1")
                  << "\n";
            out() << "Wrote "
                  << (midPath.empty() ? p.value("musicxml") : QString::fromStdString(midPath))
                  << " (" << a.solo.notes.size() << " notes, "
                  << QString::number(a.lengthSeconds(), 'f', 1) << " s)"
                  << (p.isSet("wav") ? " and " + p.value("wav") : QString())
                  << (p.isSet("musicxml") && !midPath.empty() ? " and " + p.value("musicxml")
                                                              : QString())
                  << "\n";
        }
        return 0;
    } catch (const Error& e) {
        err() << "jazz-studio generate: " << e.what() << "\n";
        return 1;
    }
}

int runRenderCommand(const QStringList& args) {
    const char* usage = "jazz-studio render SOLO.mid -o SOLO.wav [--soundfont F]";
    QCommandLineParser p;
    p.addOption({"soundfont", "SoundFont (.sf2); default: the General MIDI one installed.", "F"});
    p.addOption({{"o", "output"}, "The WAV file to write.", "SOLO.wav"});
    int code = 0;
    if (!parseArgs(p, args, "render", usage, 1, 1, &code))
        return code;
    try {
        if (!p.isSet("output"))
            throw Error("missing -o SOLO.wav");
        const auto song = midi::toSong(midi::read(p.positionalArguments()[0].toStdString()));
        render::RenderOptions r;
        r.soundFont = p.value("soundfont").toStdString();
        const auto audio = render::renderSong(song, r);
        render::writeWav(audio, p.value("output").toStdString());
        out() << "Wrote " << p.value("output") << " (" << QString::number(audio.seconds(), 'f', 1)
              << " s)\n";
        return 0;
    } catch (const Error& e) {
        err() << "jazz-studio render: " << e.what() << "\n";
        return 1;
    }
}

int runInfoCommand(const QStringList& args) {
    const char* usage = "jazz-studio info MODEL [--json]";
    QCommandLineParser p;
    p.addOption({"json", "Print one JSON object."});
    int code = 0;
    if (!parseArgs(p, args, "info", usage, 1, 1, &code))
        return code;
    try {
        const auto m = model::loadModel(p.positionalArguments()[0].toStdString());
        const auto& c = m.model.config;
        const double first = m.history.empty() ? 0 : m.history.front().loss;
        const double last = m.history.empty() ? 0 : m.history.back().loss;
        if (p.isSet("json")) {
            QJsonArray sources;
            for (const auto& s : m.sources)
                sources.append(QString::fromStdString(s));
            out() << json({{"parameters", qint64(m.model.parameterCount())},
                           {"vocabulary_size", m.vocabulary.size()},
                           {"n_a", c.nA},
                           {"tx", c.tx},
                           {"chord_aware", c.nCond > 0},
                           {"epochs", int(m.history.size())},
                           {"learning_rate", m.options.learningRate},
                           {"batch_size", m.options.batchSize},
                           {"windows", m.windows},
                           {"seed", qint64(m.options.seed)},
                           {"first_loss", first},
                           {"last_loss", last},
                           {"sources", sources},
                           {"format_version", model::formatVersion(m)}})
                  << "\n";
        } else {
            out() << "Parameters: " << m.model.parameterCount() << "\n"
                  << "Vocabulary: " << m.vocabulary.size() << " values\n"
                  << "Hidden size n_a: " << c.nA << ", window Tx: " << c.tx << "\n"
                  << "Model: "
                  << (c.nCond > 0 ? "chord-aware (each step also reads the chord and beat)"
                                  : "the notebook's (melody values only)")
                  << "\n"
                  << "Training: " << m.history.size() << " epochs, " << m.windows
                  << " windows, batch " << m.options.batchSize << ", learning rate "
                  << m.options.learningRate << ", seed " << m.options.seed << "\n"
                  << "Loss: " << QString::number(first, 'f', 3) << " (first epoch) -> "
                  << QString::number(last, 'f', 3) << " (last)\n";
        }
        return 0;
    } catch (const Error& e) {
        err() << "jazz-studio info: " << e.what() << "\n";
        return 1;
    }
}

} // namespace jazz::app
