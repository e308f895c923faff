import { Router } from "express";
const router = Router();
router.get("/x", async (req, res) => {
	try {
		res.json(await load());
	} catch (err) {
		console.error(err);
		res.status(500).json({ error: "Load failed" });
	}
});
