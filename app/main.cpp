// jazz-studio: with no subcommand it opens the studio; with one it runs headless.
#include "ChordsCommand.h"
#include "ChordChartEdit.h"
#include "BandCommands.h"
#include "CorpusCommand.h"
#include "ModelCommands.h"
#include "MainWindow.h"
#include "ProgressionPanel.h"
#include "QualityPanel.h"
#include "StudioDocument.h"
#include "TakesPanel.h"
#include "TrainingController.h"
#include "TrainingPanel.h"
#include "TradeCommand.h"

#include <QApplication>
#include <QCoreApplication>
#include <QEventLoop>
#include <QPushButton>
#include <QTextStream>
#include <QTimer>

#include <cstring>

namespace {

bool isSubcommand(const char* arg) { return arg && arg[0] != '-'; }

int runHeadless(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const QString command = args.value(1);
    // QCommandLineParser wants the program name first: drop it, keep the subcommand.
    const QStringList rest = args.mid(1);
    if (command == "corpus")
        return jazz::app::runCorpusCommand(rest);
    if (command == "train")
        return jazz::app::runTrainCommand(rest);
    if (command == "generate")
        return jazz::app::runGenerateCommand(rest);
    if (command == "styles")
        return jazz::app::runStylesCommand(rest);
    if (command == "render")
        return jazz::app::runRenderCommand(rest);
    if (command == "info")
        return jazz::app::runInfoCommand(rest);
    if (command == "bench")
        return jazz::app::runBenchCommand(rest);
    if (command == "evaluate")
        return jazz::app::runEvaluateCommand(rest);
    if (command == "chords")
        return jazz::app::runChordsCommand(rest);
    if (command == "trade")
        return jazz::app::runTradeCommand(rest);
    QTextStream(stderr) << "jazz-studio: unknown command '" << command
                        << "'\nusage: jazz-studio "
                           "[corpus|train|generate|trade|styles|render|info|evaluate|chords|bench] ...\n"
                           "       jazz-studio (no command: open the studio)\n";
    return 2;
}

} // namespace

// --screenshot FILE.png [CORPUS.mid...]: start the studio (a new session holds the bundled
// corpus), add any files given, train briefly, generate a take, and save a picture of the whole
// window (works without a display).
int screenshot(jazz::ui::MainWindow& window, const QString& png, const QStringList& corpus) {
    window.resize(1400, 860);
    window.show();
    window.addCorpusFiles(corpus);
    auto* training = window.trainingPanel();
    jazz::ui::TrainSettings s = training->settings();
    s.epochs = 100;
    training->setSettings(s);
    QEventLoop loop;
    QObject::connect(window.trainingController(), &jazz::ui::TrainingController::finished, &loop,
                     &QEventLoop::quit);
    QObject::connect(window.trainingController(), &jazz::ui::TrainingController::failed, &loop,
                     &QEventLoop::quit);
    {
        training->trainButton()->click();
        loop.exec();
        window.progressionPanel()->setText(jazz::ui::ChordChartEdit::layOut(
            "| Dm7 G7 | Cmaj7 | Am7 D7 | Gmaj7 | Gm7 C7 | Fmaj7 | Bm7b5 E7 | Am7 |"));
        QString error;
        if (!window.takesPanel()->generate(&error))
            QTextStream(stderr) << "jazz-studio: " << error << "\n";
        // And the quality of 100 solos over these chords.
        QObject::connect(window.qualityPanel(), &jazz::ui::QualityPanel::measured, &loop,
                         &QEventLoop::quit);
        if (window.qualityPanel()->measure(&error))
            loop.exec();
        else
            QTextStream(stderr) << "jazz-studio: " << error << "\n";
    }
    QCoreApplication::processEvents();
    if (!window.grab().save(png)) {
        QTextStream(stderr) << "jazz-studio: cannot write " << png << "\n";
        return 1;
    }
    window.document()->setModified(false); // a demonstration, nothing to save
    return 0;
}

int main(int argc, char** argv) {
    if (argc > 1 && isSubcommand(argv[1]))
        return runHeadless(argc, argv);
    QApplication app(argc, argv);
    QApplication::setApplicationName("Jazz Studio");
    QApplication::setOrganizationName("JazzStudio");
    const QStringList args = app.arguments();
    jazz::ui::MainWindow window;
    if (args.size() > 2 && args[1] == "--screenshot")
        return screenshot(window, args[2], args.mid(3));
    window.show();
    if (args.contains("--ready-and-quit")) {
        // For `bench all`: once the window is up and the event loop turns, say so and leave.
        QTimer::singleShot(0, &app, [] {
            QTextStream(stdout) << "ready" << Qt::endl;
            QCoreApplication::exit(0);
        });
    }
    return app.exec();
}
