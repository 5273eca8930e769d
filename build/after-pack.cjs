// electron-builder afterPack hook: flip the Electron fuses of the packaged binary before signing.
// RunAsNode, NODE_OPTIONS and --inspect are turned off (the app binary cannot be used as a plain
// Node.js); the app must come from the ASAR (whose integrity Electron checks at start on macOS and
// Windows); file:// pages get no privileges beyond a browser's (the app serves app://, never file://).
const path = require('node:path')
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses')

const FUSES = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
}

/** The packaged Electron binary (or, on macOS, the .app whose framework holds the fuses). */
function electronBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context
  const product = packager.appInfo.productFilename
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${product}.app`)
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${product}.exe`)
  return path.join(appOutDir, packager.executableName)
}

async function afterPack(context) {
  const isArmMac = (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') && context.arch === 3 // Arch.arm64
  await flipFuses(electronBinary(context), { version: FuseVersion.V1, resetAdHocDarwinSignature: isArmMac, ...FUSES })
}

module.exports = afterPack
module.exports.default = afterPack
module.exports.FUSES = FUSES
module.exports.electronBinary = electronBinary
