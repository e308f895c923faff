// shipguard-test: no-findings
// the project's own header helper, not the cors package
function cors(res) {
  res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com');
}

module.exports = (req, res, next) => {
  cors(res);
  next();
};
