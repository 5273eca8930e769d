@echo off
:: The `tokendesk` command on Windows, shipped as bin\tokendesk.cmd beside Tokendesk.exe.
:: Tokendesk.exe is a GUI-subsystem program: typed at a prompt, cmd and PowerShell neither wait for it
:: nor see its exit code. Run from a batch file, cmd waits for any program and sets ERRORLEVEL, and
:: PowerShell waits for cmd and sets $LASTEXITCODE. The exe attaches to this console for stdout and
:: stderr (or keeps a redirection); it cannot read the keyboard, so pipe a credential in.
:: Without arguments the app starts as from the Start menu, and the prompt comes back at once.
setlocal
if "%~1"=="" (
  start "" "%~dp0..\Tokendesk.exe"
  exit /b 0
)
"%~dp0..\Tokendesk.exe" %*
exit /b %ERRORLEVEL%
