#include "MainWindow.h"

#include <QLabel>

namespace jazz::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("Jazz Studio"));
    auto* placeholder = new QLabel(tr("Load a solo to begin."), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    resize(1100, 720);
}

} // namespace jazz::ui
